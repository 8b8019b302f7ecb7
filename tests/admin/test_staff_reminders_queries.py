"""The Reminders section and the My reminders card run as many SQL statements with 25
reminders (on invoices, contracts, tickets and customers, for several people) as with 1."""

from datetime import timedelta

from sqlalchemy import event

from app.extensions import db
from app.models.types import utcnow
from tests.factories import (
    make_admin,
    make_contact,
    make_contract,
    make_customer,
    make_document,
    make_reminder,
    make_ticket,
    make_user,
)


def _statements(client, url: str) -> int:
    client.get(url)  # the first request warms what is cached
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def _counts(client, login_as, rows: int) -> tuple[int, int]:
    me = make_admin()
    main = make_customer()
    for n in range(rows):
        customer = make_customer()
        record = (customer, make_document(customer, kind="invoice", status="unpaid"),
                  make_contract(customer), make_ticket(make_contact(customer)))[n % 4]  # fmt: skip
        make_reminder(record, user=me, due=utcnow() + timedelta(hours=n - 3), by=make_user())
        make_reminder(main, user=make_user(), by=make_user())
    login_as(me)
    return (_statements(client, "/admin/reminders"),
            _statements(client, f"/admin/customers/{main.id}/reminders"))  # fmt: skip


def test_the_card_and_the_section_do_not_query_per_reminder(client, ctx, login_as):
    one = _counts(client, login_as, 1)
    many = _counts(client, login_as, 25)
    assert one == many, (one, many)
