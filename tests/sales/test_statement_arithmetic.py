"""A statement's sums: opening balance, running balance, closing balance and ageing, per
currency, with payments, credit notes, refunds, applications and cancelled invoices."""

from datetime import date, timedelta
from decimal import Decimal

from app.services.statements.service import customer_statement
from tests.factories import make_customer, make_document
from tests.sales.statement_factories import apply_credit, credit_note, issued, pay

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def _rows(statement):
    return [(m.day, m.kind, m.amount, m.balance) for m in statement.movements]


def _history(customer):
    a = issued(customer, 900, date(2026, 1, 10), date(2026, 2, 9))
    pay(a, 300, date(2026, 2, 1))
    b = issued(customer, 900, date(2026, 3, 5), date(2026, 4, 4))
    cancelled = issued(customer, 250, date(2026, 3, 10), date(2026, 4, 9), status="cancelled")
    credit_note(customer, 250, date(2026, 3, 10), credited=cancelled, status="closed")
    issued(customer, 700, date(2026, 3, 12), status="cancelled")  # no credit note: left out
    note = credit_note(customer, 100, date(2026, 3, 20))
    pay(note, 40, date(2026, 3, 25))  # a refund
    make_document(customer, status="draft")  # drafts never count
    issued(customer, 50, date(2026, 3, 15), currency=("USD", 2))
    return b, note


def test_opening_running_and_closing_balance_per_currency(ctx):
    customer = make_customer()
    _history(customer)
    euro, dollar = customer_statement(customer.id, *MARCH).currencies
    assert (euro.currency, dollar.currency) == ("EUR", "USD")
    assert euro.opening == Decimal("600.00")  # 900 invoiced, 300 paid before March
    assert _rows(euro) == [
        (date(2026, 3, 5), "invoice", Decimal("900.00"), Decimal("1500.00")),
        (date(2026, 3, 10), "invoice", Decimal("250.00"), Decimal("1750.00")),
        (date(2026, 3, 10), "credit", Decimal("-250.00"), Decimal("1500.00")),
        (date(2026, 3, 20), "credit", Decimal("-100.00"), Decimal("1400.00")),
        (date(2026, 3, 25), "refund", Decimal("40.00"), Decimal("1440.00")),
    ]
    assert euro.closing == Decimal("1440.00")
    assert (dollar.opening, dollar.closing) == (Decimal("0.00"), Decimal("50.00"))


def test_ageing_adds_up_to_the_closing_balance(ctx):
    customer = make_customer()
    _history(customer)
    euro = customer_statement(customer.id, *MARCH).currencies[0]
    ageing = euro.ageing
    assert ageing.days_31_60 == Decimal("600.00")  # due 9 Feb, 50 days late on 31 March
    assert ageing.current == Decimal("900.00")
    assert ageing.unapplied_credit == Decimal("60.00")  # 100 less 40 refunded
    assert ageing.total == euro.closing


def test_applying_credit_moves_nothing_in_the_balance(ctx):
    customer = make_customer()
    b, note = _history(customer)
    apply_credit(note, b, 20, date(2026, 3, 28))
    euro = customer_statement(customer.id, *MARCH).currencies[0]
    assert euro.closing == Decimal("1440.00")
    assert [m.kind for m in euro.movements].count("payment") == 0
    assert euro.ageing.current == Decimal("880.00")
    assert euro.ageing.unapplied_credit == Decimal("40.00")
    assert euro.ageing.total == euro.closing


def test_ageing_is_what_was_due_at_the_end_of_the_period(ctx):
    customer = make_customer()
    invoice = issued(customer, 500, date(2026, 3, 1), date(2026, 3, 15))
    pay(invoice, 500, date(2026, 4, 10))  # paid after the period
    euro = customer_statement(customer.id, *MARCH).currencies[0]
    assert euro.ageing.days_1_30 == Decimal("500.00")
    assert customer_statement(customer.id, date(2026, 4, 1), date(2026, 4, 30)).currencies[
        0
    ].ageing.total == Decimal("0.00")


def test_ageing_buckets_at_their_boundaries(ctx):
    customer = make_customer()
    end = date(2026, 6, 30)
    for days_late, amount in [(0, 1), (1, 2), (30, 4), (31, 8), (60, 16), (61, 32), (90, 64),
                              (91, 128)]:  # fmt: skip
        issued(customer, amount, date(2026, 1, 1), end - timedelta(days=days_late))
    ageing = customer_statement(customer.id, date(2026, 6, 1), end).currencies[0].ageing
    assert ageing.current == Decimal("1.00")
    assert ageing.days_1_30 == Decimal("6.00")
    assert ageing.days_31_60 == Decimal("24.00")
    assert ageing.days_61_90 == Decimal("96.00")
    assert ageing.over_90 == Decimal("128.00")


def test_amounts_keep_the_currency_decimals(ctx):
    customer = make_customer()
    issued(customer, "1000", date(2026, 3, 2), currency=("JPY", 0))
    issued(customer, "12.5", date(2026, 3, 2), currency=("KWD", 3))
    kwd = {s.currency: s for s in customer_statement(customer.id, *MARCH).currencies}
    assert str(kwd["JPY"].closing) == "1000"
    assert str(kwd["KWD"].closing) == "12.500"


def test_another_customers_documents_never_appear(ctx):
    customer, other = make_customer(), make_customer(company="Other")
    issued(other, 900, date(2026, 3, 5))
    assert customer_statement(customer.id, *MARCH).currencies == []
