"""check-data while people keep working: drafts edited, invoices issued and paid at the same
moment never make it report a problem (every check reads one snapshot), and it lists at most
--limit problems per check while counting them all."""

import threading
from datetime import date
from decimal import Decimal

from app.extensions import db
from app.services.sales.actions import issue, record_payment
from app.services.sales.service import ItemInput, save_document
from tests.test_check_data import _invoice, check, make_books, sql


def _keep_writing(app, customer_id: int, stop: threading.Event, done: list) -> None:
    """Edit a draft's lines over and over, and issue and pay invoices, until `stop`."""
    from app.models import Customer

    with app.app_context():
        customer = db.session.get(Customer, customer_id)
        draft = _invoice(customer)
        db.session.commit()
        n = 0
        while not stop.is_set() and n < 200:
            n += 1
            data = _invoice_input(customer, n)
            save_document(draft, "invoice", data, None)  # its lines and totals change together
            db.session.commit()
            invoice = _invoice(customer)
            issue(invoice, date.today())
            db.session.commit()
            record_payment(invoice, Decimal("10"), date.today(), "cash", None, None)
            db.session.commit()
        done.append(n)
        db.session.remove()


def _invoice_input(customer, n: int):
    from datetime import timedelta

    from app.models import Currency
    from app.services.sales.service import DocumentInput

    currency = db.session.query(Currency).filter_by(code="EUR").one()
    lines = [ItemInput("Work", Decimal(n % 7 + 1), Decimal("19.99")) for _ in range(n % 3 + 1)]
    return DocumentInput(
        customer_id=customer.id, issue_date=date.today(),
        due_date=date.today() + timedelta(days=30), currency_id=currency.id, language="en",
        billing={"city": "Paris"}, include_shipping=False, shipping={}, items=lines,
    )  # fmt: skip


def test_checks_while_invoices_are_edited_issued_and_paid_report_nothing(app, ctx):
    books = make_books(app)
    stop, done = threading.Event(), []
    writer = threading.Thread(target=_keep_writing, args=(app, books.customer.id, stop, done))
    writer.start()
    try:
        outputs = [check(app) for _ in range(4)]
    finally:
        stop.set()
        writer.join(60)
    assert done and done[0] >= 2  # the writer really wrote meanwhile
    for code, output in outputs:
        assert code == 0, output
        assert "All 11 checks passed" in output
    assert check(app)[0] == 0


def test_only_the_first_problems_are_listed(app, ctx):
    make_books(app)
    sql("UPDATE sales_documents SET total = total + 1 WHERE kind = 'invoice'")
    code, output = check(app, "--only", "totals", "--limit", "2")
    assert code == 1
    assert "(6 problem(s))" in output and "… and 4 more (--limit, --json)" in output
    assert sum(1 for line in output.splitlines() if "total: expected" in line) == 2
