"""Customer balances (app/models/balance.py) follow every change of the documents in the same
transaction, whatever makes it: issuing, payments, credit notes applied and refunded, a cancel,
plain SQL; exact in 0-, 2- and 3-decimal currencies; built for documents issued before the
migration; and `check-data` reports a balance that no longer matches its documents."""

from datetime import date
from decimal import Decimal

from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from app.extensions import db
from app.models import Currency, CustomerBalance
from app.models.balance import UNITS
from app.services.integrity import run_checks
from app.services.sales.actions import cancel_invoice, issue, record_payment
from app.services.sales.credit import apply_credit, credit_from_invoice, record_refund
from app.services.sales.service import DocumentInput, ItemInput, save_document
from tests.factories import make_admin, make_currency, make_customer, make_document

TODAY = date.today()


def balance(customer, code="EUR") -> tuple:
    """(open invoices, amount due, open credit notes, credit left, balance) as stored."""
    db.session.expire_all()
    customer_id = customer if isinstance(customer, int) else customer.id
    row = db.session.get(CustomerBalance, (customer_id, code))
    if row is None:
        return (0, 0, 0, 0, 0)
    amounts = (Decimal(row.invoices_due), Decimal(row.credit_left), Decimal(row.balance))
    due, credit, total = (amount / UNITS for amount in amounts)
    return (row.open_invoices, due, row.open_credits, credit, total)


def issued(customer, amount="450", code="EUR", kind="invoice"):
    """An invoice (or credit note) of twice `amount` in `code`, saved and issued."""
    currency = db.session.scalar(select(Currency).where(Currency.code == code))
    data = DocumentInput(
        customer_id=customer.id, issue_date=TODAY, due_date=TODAY, currency_id=currency.id,
        language="en", billing={"city": "Paris"}, include_shipping=False, shipping={},
        items=[ItemInput("Work", Decimal("2"), Decimal(amount))],
    )  # fmt: skip
    document = save_document(None, kind, data, None)
    issue(document, TODAY)
    db.session.commit()
    return document


def balances_check_problems() -> list[str]:
    [outcome] = run_checks(["balances"])
    return [problem.line() for problem in outcome.problems]


def test_a_balance_follows_an_invoice_through_payments_credit_refund_and_cancel(app, ctx):
    admin, customer = make_admin(), make_customer(company="Acme SA")
    make_currency("EUR")
    draft = make_document(customer)  # a draft owes nothing
    assert balance(customer) == (0, 0, 0, 0, 0)
    first = issued(customer)
    assert balance(customer) == (1, 900, 0, 0, 900)
    record_payment(first, Decimal("100"), TODAY, "card", None, admin)
    db.session.commit()
    assert balance(customer) == (1, 800, 0, 0, 800)
    second = issued(customer)
    assert balance(customer) == (2, 1700, 0, 0, 1700)
    credit = credit_from_invoice(second, admin, TODAY)
    db.session.commit()
    assert balance(customer) == (2, 1700, 0, 0, 1700)  # a draft credit note credits nothing
    issue(credit, TODAY)
    db.session.commit()
    assert balance(customer) == (2, 1700, 1, 900, 800)
    apply_credit(credit, {second.id: Decimal("300")}, {second.id: second}, admin, TODAY)
    db.session.commit()
    assert balance(customer) == (2, 1400, 1, 600, 800)
    record_refund(credit, Decimal("600"), TODAY, "bank_transfer", None, admin)
    db.session.commit()
    assert balance(customer) == (2, 1400, 0, 0, 1400)
    record_payment(first, Decimal("800"), TODAY, "card", None, admin)
    db.session.commit()
    assert balance(customer) == (1, 600, 0, 0, 600)
    third = issued(customer)
    assert balance(customer) == (2, 1500, 0, 0, 1500)
    cancel_invoice(third, admin)  # and its credit note, applied in full, closes
    db.session.commit()
    assert balance(customer) == (1, 600, 0, 0, 600)
    record_payment(second, Decimal("600"), TODAY, "card", None, admin)
    db.session.commit()
    assert balance(customer) == (0, 0, 0, 0, 0)
    assert draft.status == "draft" and balances_check_problems() == []


def test_currencies_are_kept_apart_and_exact_in_0_2_and_3_decimals(app, ctx):
    admin, customer = make_admin(), make_customer()
    make_currency("EUR")
    make_currency("JPY", symbol="¥", decimals=0)
    make_currency("KWD", symbol="KD", decimals=3)
    yen = issued(customer, "12345", "JPY")
    dinar = issued(customer, "10.1235", "KWD")
    cents = [issued(customer, "0.05") for _ in range(3)]  # 0.1 three times: exact, not 0.3000…04
    record_payment(dinar, Decimal("5.125"), TODAY, "cash", None, admin)
    db.session.commit()
    assert balance(customer, "JPY") == (1, 24690, 0, 0, 24690)
    assert balance(customer, "KWD") == (1, Decimal("15.122"), 0, 0, Decimal("15.122"))
    assert balance(customer, "EUR") == (3, Decimal("0.3"), 0, 0, Decimal("0.3"))
    assert yen.currency_code == "JPY" and len(cents) == 3 and balances_check_problems() == []


def test_plain_sql_on_the_documents_moves_the_balance_too(app, ctx):
    customer, other = make_customer(), make_customer()
    make_currency("EUR")
    invoice = issued(customer)
    db.session.execute(text("UPDATE sales_documents SET customer_id = :other WHERE id = :id"),
                       {"other": other.id, "id": invoice.id})  # fmt: skip
    db.session.commit()
    assert balance(customer) == (0, 0, 0, 0, 0) and balance(other) == (1, 900, 0, 0, 900)
    db.session.execute(text("UPDATE sales_documents SET status = 'paid', amount_paid = total "
                            "WHERE id = :id"), {"id": invoice.id})  # fmt: skip
    db.session.commit()
    assert balance(other) == (0, 0, 0, 0, 0)
    db.session.execute(text("UPDATE sales_documents SET status = 'partial', amount_paid = 1 "
                            "WHERE id = :id"), {"id": invoice.id})  # fmt: skip
    db.session.commit()
    assert balance(other) == (1, 899, 0, 0, 899) and balances_check_problems() == []


def test_a_rolled_back_change_leaves_the_balance_as_it_was(app, ctx):
    admin, customer = make_admin(), make_customer()
    make_currency("EUR")
    invoice = issued(customer)
    record_payment(invoice, Decimal("900"), TODAY, "card", None, admin)
    db.session.flush()
    db.session.rollback()
    assert balance(customer) == (1, 900, 0, 0, 900)


def test_check_data_names_a_balance_that_no_longer_matches(app, ctx):
    customer = make_customer(company="Drifted Ltd")
    make_currency("EUR")
    issued(customer)
    db.session.execute(text("UPDATE customer_balances SET invoices_due = invoices_due + 10000, "
                            "balance = balance + 10000"))  # fmt: skip
    db.session.commit()
    [line] = balances_check_problems()
    assert line == (
        f"balance in EUR · customer Drifted Ltd (id {customer.id}): expected 1 open invoice(s) "
        "due 900, 0 credit note(s) with 0 left, balance 900; found 1 open invoice(s) due 901, "
        "0 credit note(s) with 0 left, balance 901"
    )
    db.session.execute(text("DELETE FROM customer_balances"))
    db.session.commit()
    [line] = balances_check_problems()
    assert "found 0 open invoice(s) due 0" in line
    result = app.test_cli_runner().invoke(args=["billing", "rebuild-balances"])
    assert result.exit_code == 0 and "1 customer balance(s) rebuilt" in result.output
    assert balance(customer) == (1, 900, 0, 0, 900) and balances_check_problems() == []


def test_the_migration_adds_up_the_documents_issued_before_it(app, ctx):
    admin, customer, other = make_admin(), make_customer(), make_customer()
    make_currency("EUR")
    paid = issued(customer)
    record_payment(paid, Decimal("250"), TODAY, "card", None, admin)
    issued(other, "100")
    issued(customer, "225", kind="credit")  # a credit note of 450, not applied yet
    customer, other = customer.id, other.id  # the objects go with the session
    expected = (balance(customer), balance(other))
    assert expected == ((1, 650, 1, 450, 200), (1, 200, 0, 0, 200))
    db.session.remove()
    downgrade(revision="0026_open_items_index")
    try:
        with db.engine.connect() as conn:
            tables = conn.execute(text("SELECT * FROM sales_documents")).all()
        assert len(tables) == 3
    finally:
        upgrade()
    assert (balance(customer), balance(other)) == expected
    rows = db.session.scalars(select(CustomerBalance)).all()
    assert len(rows) == 2 and balances_check_problems() == []
