"""Query budgets: each main page runs as many SQL statements with 25 rows as with 1 row, and
no more than its budget, so that an N+1 (a query per row) cannot come back unseen.

Everything a request sends to the database is counted (the session and sign-in look-ups
included) except the SAVEPOINT / RELEASE / ROLLBACK housekeeping. The budgets are today's
counts: a change that needs one more query raises its budget here, in review. Settings, the
logo, the lists' custom fields, groups and staff are kept per process (app/process_cache.py):
a page's second request reads their version in the statement that reads its sign-in session,
not in one of its own. The staff pages are counted as an administrator, whose role's
permissions are never read (that role allows everything), and the lists as a team member too,
whose role's permissions are kept per process as well (no query of their own)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event

from app.extensions import db
from app.models import CustomerFile, Payment, Task
from app.services.sales.service import ItemInput
from tests.factories import (
    empty_database,
    make_admin,
    make_contact,
    make_contract,
    make_customer,
    make_document,
    make_group,
    make_project,
    make_recurring,
    make_ticket,
    make_user,
)
from tests.sales.statement_factories import credit_note, issued

BUDGETS = {
    "customer list": 5,  # + the custom fields it offers (issue 19)
    "invoice list": 4,  # + the custom fields it offers (issue 19)
    "invoice list, overdue": 4,  # + the custom fields it offers (issue 19)
    "estimate list": 4,  # + the custom fields it offers (issue 19)
    "credit note list": 4,
    "recurring invoice list": 4,
    "ticket list": 7,  # + the custom fields it offers (issue 19)
    "contract list": 6,  # + the custom fields it offers (issue 19)
    "project list": 5,  # + the custom fields it offers (issue 19); customers read after the page
    "customer page": 13,  # + the custom fields of its form (issue 19)
    "customer contacts": 9,
    "customer activity": 9,
    "customer invoices": 10,
    "customer estimates": 10,
    "customer proposals": 10,
    "customer recurring invoices": 10,
    "customer tickets": 11,
    "customer contracts": 11,
    "customer projects": 13,  # and its Tasks section: the tasks, the staff to assign
    "customer files": 10,
    "statement page": 12,
    "invoice page": 14,  # + its custom fields (issue 19)
    "invoice PDF": 9,  # + its custom fields (issue 19)
    "ageing report": 9,
    "dashboard": 12,
    "portal invoice list": 5,
    "portal invoice page": 8,  # + its custom fields (issue 19)
    "portal invoice PDF": 10,  # + its custom fields (issue 19)
    "portal ticket list": 6,
    "portal file list": 4,
    # A team member's: as an administrator's (their role's permissions are kept per process).
    "customer list, team member": 5,
    "invoice list, team member": 4,
    "ticket list, team member": 7,
}
TEAM_MEMBER = ", team member"
HOUSEKEEPING = ("SAVEPOINT", "RELEASE", "ROLLBACK")
NO_TABLE = {"customer page", "customer activity", "dashboard", "invoice PDF", "portal invoice PDF"}


def _world(rows: int) -> dict:
    """`rows` of everything: customers (each in its own group, with an overdue invoice partly
    paid, an estimate, a credit note, a recurring profile, a ticket, a contract and a project),
    and one customer holding `rows` of each, `rows` contacts, and an invoice of `rows` lines
    and `rows` payments."""
    today = date.today()
    late = today - timedelta(days=40)
    main = make_customer(company="Main Ltd", groups=[make_group(name="Main group")])
    contacts = [make_contact(main) for _ in range(rows)]
    owners = [(main, contacts[n % rows]) for n in range(rows)]
    for n in range(rows):
        customer = make_customer(groups=[make_group(name=f"Group {n}")])
        owners.append((customer, make_contact(customer)))
    for customer, contact in owners:
        invoice = issued(customer, 100, today.replace(day=1), late)
        db.session.add(Payment(document_id=invoice.id, amount=Decimal(10), paid_on=today,
                               mode="bank"))  # fmt: skip
        invoice.amount_paid, invoice.status = Decimal(10), "partial"
        make_document(customer, kind="estimate", status="sent")
        make_document(customer, kind="proposal", status="sent")
        credit_note(customer, 20, today)
        make_recurring(customer)
        make_ticket(contact)
        make_contract(customer)
        project = make_project(customer)
        db.session.add(Task(project=project, name="Design", status="todo"))
    lines = [ItemInput(f"Line {n}", Decimal(1), Decimal(10 + n)) for n in range(rows)]
    big = make_document(main, status="unpaid", lines=lines)
    for _n in range(rows):
        db.session.add(Payment(document_id=big.id, amount=Decimal(1), paid_on=today,
                               mode="bank"))  # fmt: skip
    big.amount_paid, big.status = Decimal(rows), "partial"
    uploader = make_admin()  # files written as rows: the service's activity entries would
    for n in range(rows):  # change the activity page's count
        db.session.add(CustomerFile(customer_id=main.id, filename=f"f{n}.pdf", description="D",
                                    content_type="application/pdf", size=5, content=b"%PDF-",
                                    shared=True, uploaded_by_id=uploader.id))  # fmt: skip
    db.session.commit()
    return {"main": main.id, "big": big.id, "contact": contacts[0]}


def _pages(world: dict) -> dict[str, str]:
    main, big = world["main"], world["big"]
    customer = f"/admin/customers/{main}"
    return {
        "customer list": "/admin/customers",
        "invoice list": "/admin/invoices",
        "invoice list, overdue": "/admin/invoices?status=overdue",
        "estimate list": "/admin/estimates",
        "credit note list": "/admin/credit-notes",
        "recurring invoice list": "/admin/recurring-invoices",
        "ticket list": "/admin/tickets",
        "contract list": "/admin/contracts",
        "project list": "/admin/projects",
        "customer page": customer,
        "customer contacts": f"{customer}/contacts",
        "customer activity": f"{customer}/activity",
        "customer invoices": f"{customer}/invoices",
        "customer estimates": f"{customer}/estimates",
        "customer proposals": f"{customer}/proposals",
        "customer recurring invoices": f"{customer}/recurring-invoices",
        "customer tickets": f"{customer}/tickets",
        "customer contracts": f"{customer}/contracts",
        "customer projects": f"{customer}/projects",
        "customer files": f"{customer}/files",
        "statement page": f"{customer}/statement",
        "invoice page": f"/admin/invoices/{big}",
        "invoice PDF": f"/admin/invoices/{big}/pdf",
        "ageing report": "/admin/reports/ageing",
        "dashboard": "/admin/",
        "portal invoice list": "/clients/invoices",
        "portal invoice page": f"/clients/invoices/{big}",
        "portal invoice PDF": f"/clients/invoices/{big}/pdf",
        "portal ticket list": "/clients/tickets",
        "portal file list": "/clients/files",
        "customer list, team member": "/admin/customers",
        "invoice list, team member": "/admin/invoices",
        "ticket list, team member": "/admin/tickets",
    }


def _counts(app, client, login_as, world: dict, rows: int) -> dict[str, int]:
    """The statements each page runs (its second request: the first warms what is cached)."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(HOUSEKEEPING):
            statements.append(statement)

    with app.app_context():
        engine = db.engine
        admin, member = make_admin(), make_user(role="team_member")
    counts = {}
    event.listen(engine, "before_cursor_execute", record)
    try:
        for name, url in _pages(world).items():
            staff = member if name.endswith(TEAM_MEMBER) else admin
            login_as(world["contact"] if url.startswith("/clients") else staff)
            assert client.get(url).status_code == 200, name
            statements.clear()
            response = client.get(url)
            assert response.status_code == 200, name
            counts[name] = len(statements)
            if name not in NO_TABLE:  # the rows are on the page (lines and payments included)
                assert response.get_data(as_text=True).count("<tr") > rows, name
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return counts


def _empty_tables(app):
    with app.app_context():
        empty_database()


@pytest.fixture
def counted(app, client, login_as):
    """Each page's count with 1 row, then with 25 rows (a fresh database for each)."""
    result = {}
    for rows in (1, 25):
        with app.app_context():
            world = _world(rows)
        result[rows] = _counts(app, client, login_as, world, rows)
        _empty_tables(app)
    return result


def test_pages_run_the_same_queries_for_1_and_25_rows_within_budget(counted):
    one, many = counted[1], counted[25]
    grows = {name: (one[name], many[name]) for name in one if one[name] != many[name]}
    assert not grows, f"queries grow with the rows (1 row, 25 rows): {grows}"
    over = {name: (count, BUDGETS[name]) for name, count in one.items() if count > BUDGETS[name]}
    assert not over, f"over budget (queries, budget): {over}"
    assert set(one) == set(BUDGETS)
