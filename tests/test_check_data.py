"""`flask --app wsgi check-data`: a database filled through the real services (invoices in 0, 2
and 3-decimal currencies with taxes and discounts, payments, credit notes applied and refunded,
a cancelled invoice with its credit note, estimates, emails) passes; each invariant broken on
purpose with plain SQL is reported by the command with the record named, and exit code 1."""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from app.extensions import db
from app.models import Currency, TaxRate
from app.services.sales.actions import cancel_invoice, issue, record_payment
from app.services.sales.credit import apply_credit, credit_from_invoice, record_refund
from app.services.sales.mailing import send_document
from app.services.sales.numbering import raise_next_number
from app.services.sales.service import DocumentInput, ItemInput, save_document
from app.services.settings import save_settings
from tests.factories import make_admin, make_contact, make_currency, make_customer

TODAY = date.today()


@dataclass
class Books:
    """The ids and numbers of what the realistic data holds."""

    customer: object
    other: object
    paid: object  # EUR, taxes and a discount, paid in full
    partial: object  # EUR, part paid, credit applied from `credit`
    yen: object  # JPY, unpaid
    dinar: object  # KWD (3 decimals), part paid
    credit: object  # from `partial`, part applied to it, the rest refunded: closed
    cancelled: object  # issued then cancelled
    cancel_credit: object  # its credit note, applied in full
    draft: object  # a draft invoice
    estimate: object


def _currency(code, decimals):
    found = db.session.query(Currency).filter_by(code=code).first()
    return found or make_currency(code, symbol=code, decimals=decimals)


def _invoice(customer, code="EUR", decimals=2, lines=None, kind="invoice", **extra):
    currency = _currency(code, decimals)
    data = DocumentInput(
        customer_id=customer.id, issue_date=TODAY, due_date=TODAY + timedelta(days=30),
        currency_id=currency.id, language="en", billing={"city": "Paris"},
        include_shipping=False, shipping={},
        items=lines or [ItemInput("Work", Decimal("3"), Decimal("33.335"))], **extra,
    )  # fmt: skip
    return save_document(None, kind, data, None)


def _issued(customer, **kwargs):
    document = _invoice(customer, **kwargs)
    issue(document, TODAY)
    db.session.commit()
    return document


def make_books(app) -> Books:
    """Realistic data, every write through the services people's clicks go through."""
    admin = make_admin()
    save_settings({"credit_prefix": "AV-{YYYY}-"})  # credit notes count per year
    customer, other = make_customer(company="Acme SA"), make_customer(company="Other GmbH")
    contact = make_contact(customer, email="buyer@example.com")
    vat = TaxRate(name="VAT", percent=Decimal("20"))
    reduced = TaxRate(name="Reduced", percent=Decimal("5.5"))
    db.session.add_all([vat, reduced])
    db.session.commit()
    lines = [
        ItemInput("Design", Decimal("2"), Decimal("450.10"), tax_ids=[vat.id]),
        ItemInput("Books", Decimal("3"), Decimal("12.99"), tax_ids=[reduced.id, vat.id]),
    ]
    paid = _issued(customer, lines=lines, discount_type="percent", discount_value=Decimal("7.5"))
    record_payment(paid, paid.amount_due, TODAY, "bank_transfer", None, admin)
    partial = _issued(customer, discount_type="fixed", discount_value=Decimal("10"),
                      discount_before_tax=False, lines=lines)  # fmt: skip
    record_payment(partial, Decimal("100"), TODAY, "card", None, admin)
    yen = _issued(
        customer,
        code="JPY",
        decimals=0,
        lines=[ItemInput("Work", Decimal("1.5"), Decimal("12345"), tax_ids=[vat.id])],
    )
    dinar = _issued(other, code="KWD", decimals=3,
                    lines=[ItemInput("Work", Decimal("2"), Decimal("10.1235"))])  # fmt: skip
    record_payment(dinar, Decimal("5.125"), TODAY, "cash", None, admin)
    db.session.commit()
    credit = credit_from_invoice(partial, admin, TODAY)
    issue(credit, TODAY)
    db.session.commit()
    apply_credit(credit, {partial.id: Decimal("50")}, {partial.id: partial}, admin, TODAY)
    db.session.commit()
    record_refund(credit, credit.amount_due, TODAY, "bank_transfer", None, admin)
    db.session.commit()
    to_cancel = _issued(customer)
    cancel_credit = cancel_invoice(to_cancel, admin)
    db.session.commit()
    draft = _invoice(customer)
    estimate = _invoice(customer, kind="estimate")
    db.session.commit()
    send_document(yen, [contact], admin)  # an email to the contact, waiting in the outbox
    db.session.commit()
    assert credit.status == "closed" and cancel_credit.status == "closed"
    assert partial.status == "partial" and paid.status == "paid" and dinar.status == "partial"
    return Books(customer, other, paid, partial, yen, dinar, credit, to_cancel, cancel_credit,
                 draft, estimate)  # fmt: skip


@pytest.fixture
def books(app, ctx):
    return make_books(app)


def check(app, *args):
    """Run the command as an operator would; (exit code, output)."""
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["check-data", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def sql(statement: str, **values) -> None:
    """Break the data behind the app's back (foreign keys still enforced)."""
    db.session.execute(text(statement), values)
    db.session.commit()


def test_realistic_data_passes(app, books):
    code, output = check(app)
    assert code == 0, output
    assert "All 11 checks passed" in output
    assert "FAIL" not in output and "warning" not in output


def test_a_changed_total_is_reported_with_what_the_lines_give(app, books):
    total = books.paid.total
    sql("UPDATE sales_documents SET total = total + 1 WHERE id = :id", id=books.paid.id)
    code, output = check(app)
    assert code == 1
    line = next(x for x in output.splitlines() if books.paid.number in x and "total:" in x)
    assert "customer Acme SA" in line
    assert f"expected {total:.2f} EUR from its lines, found {total + 1:.2f} EUR" in line
    assert "status paid: expected partial" in output  # and so it is no longer fully paid
    assert "2 of 11 checks failed, 2 problem(s)" in output


def test_a_removed_line_tax_is_reported(app, books):
    sql("DELETE FROM sales_document_item_taxes WHERE item_id IN "
        "(SELECT id FROM sales_document_items WHERE document_id = :id) AND name = 'Reduced'",
        id=books.paid.id)  # fmt: skip
    code, output = check(app)
    assert code == 1 and f"invoice {books.paid.number} (id {books.paid.id})" in output
    assert "subtotal" not in output  # the lines' amounts are unchanged, only the total moves


def test_a_payment_changed_behind_the_invoice_is_reported(app, books):
    sql("UPDATE payments SET amount = amount + 0.5 WHERE document_id = :id", id=books.partial.id)
    code, output = check(app)
    assert code == 1
    line = next(x for x in output.splitlines() if books.partial.number in x)
    assert "customer Acme SA" in line
    assert (
        "amount paid: expected 150.50 EUR (payments 100.50 EUR + credit applied 50.00 EUR), "
        "found 150.00 EUR"
    ) in line


def test_amount_paid_counts_credit_applied_and_refunds(app, books):
    sql("UPDATE credit_applications SET amount = amount + 1 WHERE credit_note_id = :id",
        id=books.credit.id)  # fmt: skip
    code, output = check(app)
    assert code == 1
    assert f"credit note {books.credit.number}" in output  # its applied credit and refunds
    assert f"invoice {books.partial.number}" in output  # the invoice it went to
    assert "beyond its total" in output  # the credit note now gave more than it holds


def test_a_refund_beyond_the_credit_note_is_reported(app, books):
    sql("INSERT INTO payments (document_id, amount, paid_on, mode, created_at) "
        "VALUES (:id, 25, :day, 'cash', :day)", id=books.credit.id, day=TODAY)  # fmt: skip
    code, output = check(app)
    assert code == 1
    line = next(x for x in output.splitlines() if "beyond its total" in x)
    assert f"credit note {books.credit.number}" in line and "refunds and credit applied" in line


def test_credit_applied_to_another_customer_is_reported(app, books):
    sql("UPDATE sales_documents SET customer_id = :other WHERE id = :id",
        other=books.other.id, id=books.partial.id)  # fmt: skip
    code, output = check(app)
    assert code == 1
    assert "applied to another customer's invoice" in output
    credit = f"credit note {books.credit.number} (id {books.credit.id})"
    assert f"({credit} → invoice {books.partial.number} (id {books.partial.id}))" in output


def test_credit_applied_across_currencies_is_reported(app, books):
    sql("UPDATE sales_documents SET currency_code = 'USD' WHERE id = :id", id=books.partial.id)
    code, output = check(app)
    assert code == 1 and "applied across currencies (EUR → USD)" in output


def test_a_status_that_disagrees_with_the_amounts_is_reported(app, books):
    sql("UPDATE sales_documents SET status = 'paid' WHERE id = :id", id=books.yen.id)
    sql("UPDATE sales_documents SET status = 'open' WHERE id = :id", id=books.credit.id)
    code, output = check(app)
    assert code == 1
    assert f"invoice {books.yen.number} (id {books.yen.id}) · customer Acme SA" in output
    assert "status paid: expected unpaid (paid 0 JPY of" in output
    assert (
        f"credit note {books.credit.number}" in output and "status open: expected closed" in output
    )


def test_a_draft_with_a_number_and_an_issued_one_without_are_reported(app, books):
    sql("UPDATE sales_documents SET number = 'INV-000099', sequence = 99 WHERE id = :id",
        id=books.draft.id)  # fmt: skip
    sql("UPDATE sales_documents SET number = NULL, sequence = NULL WHERE id = :id",
        id=books.yen.id)  # fmt: skip
    code, output = check(app)
    assert code == 1
    assert (
        f"invoice INV-000099 (id {books.draft.id})" in output and "a draft with a number" in output
    )
    assert f"invoice without a number (id {books.yen.id})" in output
    assert "status unpaid without a number" in output


def test_a_payment_on_a_draft_is_reported(app, books):
    sql("INSERT INTO payments (document_id, amount, paid_on, mode, created_at) "
        "VALUES (:id, 10, :day, 'cash', :day)", id=books.draft.id, day=TODAY)  # fmt: skip
    code, output = check(app)
    assert code == 1 and "a payment on a draft document" in output
    assert f"invoice without a number (id {books.draft.id})" in output


def test_a_cancelled_invoice_not_credited_is_reported(app, books):
    sql("UPDATE credit_applications SET amount = 1 WHERE invoice_id = :id", id=books.cancelled.id)
    sql("UPDATE sales_documents SET amount_paid = 1 WHERE id = :id", id=books.cancelled.id)
    code, output = check(app)
    assert code == 1
    assert "FAIL  amounts" in output  # its credit note gave most of its credit to nobody
    assert f"invoice {books.cancelled.number}" in output
    assert "cancelled but not credited in full" in output


def test_a_sequence_given_twice_is_reported(app, books):
    sql("UPDATE sales_documents SET sequence = :seq WHERE id = :id",
        seq=books.paid.sequence, id=books.yen.id)  # fmt: skip
    code, output = check(app)
    assert code == 1
    assert f"sequence {books.paid.sequence} given 2 times" in output
    assert books.paid.number in output and books.yen.number in output


def test_a_sequence_row_behind_the_numbers_is_reported(app, books):
    sql("UPDATE number_sequences SET last = 1 WHERE kind = 'invoice'")
    code, output = check(app)
    assert code == 1
    assert "sequence invoice: last number given is 1, below invoice" in output
    assert "the next document would repeat a number" in output


def test_a_yearly_sequence_behind_its_numbers_is_reported(app, books):
    assert books.credit.number == f"AV-{TODAY.year}-0001"
    sql("UPDATE number_sequences SET last = 1 WHERE kind = :key", key=f"credit:{TODAY.year}")
    code, output = check(app)
    assert code == 1
    assert f"sequence credit:{TODAY.year}: last number given is 1, below credit note " in output
    assert f"AV-{TODAY.year}-0002" in output


def test_a_raised_next_number_is_a_warning_not_a_failure(app, books):
    raise_next_number("invoice", "INV-", 40, TODAY, "invoice_next")
    db.session.commit()
    raised = _issued(books.customer)
    assert raised.number == "INV-000040"
    code, output = check(app)
    assert code == 0, output
    assert "warning: sequence invoice" in output and "number(s) unused" in output
    assert "All 11 checks passed (1 warning(s))" in output
    sql("UPDATE sales_documents SET sequence = 1 WHERE id = :id", id=raised.id)  # now a double
    assert check(app)[0] == 1


def test_an_outbox_message_for_a_customer_that_is_gone_is_reported(app, books):
    if db.engine.dialect.name == "postgresql":
        statements = ["SET session_replication_role = replica"]  # foreign keys not enforced
    else:
        statements = ["PRAGMA foreign_keys=OFF"]
    with db.engine.connect() as conn:
        conn.commit()
        for statement in statements:
            conn.exec_driver_sql(statement)
        conn.execute(text("UPDATE outbox SET customer_id = 987654"))
        conn.commit()
        if db.engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SET session_replication_role = DEFAULT")
        else:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.commit()  # else the reset is rolled back with the pooled connection's transaction
    code, output = check(app)
    assert code == 1
    assert "its customer id 987654 does not exist" in output
    assert "to buyer@example.com" in output


def test_an_email_waiting_for_an_address_nobody_has_is_a_warning(app, books):
    sql("UPDATE outbox SET sent_at = NULL")  # not sent yet (the mail server is down)
    sql("UPDATE contacts SET email = 'new@example.com' WHERE email = 'buyer@example.com'")
    code, output = check(app)
    assert code == 0
    assert "to an address no contact or staff member has" in output


def test_credit_applied_from_a_draft_is_reported(app, books):
    sql("UPDATE credit_applications SET credit_note_id = :draft WHERE credit_note_id = :id",
        draft=books.draft.id, id=books.credit.id)  # fmt: skip
    code, output = check(app)
    assert code == 1
    assert f"applied from invoice without a number (id {books.draft.id})" in output


def test_json_output_and_one_check(app, books):
    broken = books.yen.total + 1
    sql("UPDATE sales_documents SET total = total + 1 WHERE id = :id", id=books.yen.id)
    code, output = check(app, "--json", "--only", "totals")
    assert code == 1
    outcome = json.loads(output)
    assert outcome["ok"] is False and [c["name"] for c in outcome["checks"]] == ["totals"]
    problem = outcome["checks"][0]["problems"][0]
    assert problem["record"] == f"invoice {books.yen.number} (id {books.yen.id})"
    assert problem["customer"] == f"Acme SA (id {books.customer.id})"
    assert problem["found"] == f"{broken:.0f} JPY"
    code, output = check(app, "--only", "nonsense")
    assert code == 2 and "nonsense" in output


def test_a_slow_totals_check_stops_and_says_so(app, books):
    code, output = check(app, "--only", "totals", "--time-limit", "0")
    assert code == 0
    assert "SKIP  totals" in output and "not finished: stopped after" in output
    assert "0 of 1 checks passed (1 not finished)" in output
