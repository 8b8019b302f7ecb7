"""The ageing report's rows, order, pages and totals are those of a plain computation over the
documents (several customers, currencies of 0, 2 and 3 decimals, every bucket, payments, credit
left, credit only, paid, draft and cancelled documents): what the fast queries must keep."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.extensions import db
from app.models import Document
from app.services.sales.totals import quantize
from app.services.statements.ageing import PAGE_ROWS, ageing_page, ageing_rows, ageing_totals
from app.services.statements.service import BUCKETS
from tests.factories import make_admin, make_currency, make_customer
from tests.sales.statement_factories import apply_credit, credit_note, issued, pay

CURRENCIES = {"EUR": 2, "JPY": 0, "KWD": 3}


def _bucket(today: date, due: date | None) -> str:
    late = 0 if due is None else (today - due).days
    if late <= 0:
        return "current"
    return "days_1_30" if late <= 30 else "days_31_60" if late <= 60 else (
        "days_61_90" if late <= 90 else "over_90")  # fmt: skip


def _expected(today: date) -> dict[str, list[tuple]]:
    """Per currency, (customer_id, company, current, …, over_90, credit, total) rows in the
    report's order (largest total first, then customer id), computed document by document."""
    sums: dict[tuple[str, int], dict[str, Decimal]] = {}
    for document in db.session.scalars(db.select(Document)):
        due = document.total - document.amount_paid
        key = (document.currency_code, document.customer_id)
        if document.kind == "invoice" and document.status in ("unpaid", "partial"):
            column = _bucket(today, document.due_date)
        elif document.kind == "credit" and document.status == "open":
            column = "credit"
        else:
            continue
        row = sums.setdefault(key, dict.fromkeys((*BUCKETS, "credit"), Decimal(0)))
        row[column] += due
    result: dict[str, list[tuple]] = {}
    for (currency, customer_id), row in sums.items():
        places = CURRENCIES[currency]
        amounts = [quantize(row[name], places) for name in (*BUCKETS, "credit")]
        total = quantize(sum(row[b] for b in BUCKETS) - row["credit"], places)
        company = db.session.get(Document, _any(customer_id)).client_company
        result.setdefault(currency, []).append((customer_id, company, *amounts, total))
    for rows in result.values():
        rows.sort(key=lambda r: (-r[-1], r[0]))
    return result


def _any(customer_id: int) -> int:
    return db.session.scalar(db.select(Document.id).where(Document.customer_id == customer_id))


def _as_tuple(row) -> tuple:
    return (row.customer_id, row.company, *(getattr(row, b) for b in BUCKETS),
            row.unapplied_credit, row.total)  # fmt: skip


@pytest.fixture
def books(ctx):
    today = date.today()
    for code, places in CURRENCIES.items():
        make_currency(code, decimals=places)
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    customers = [make_customer(company=f"Customer {n:02d}") for n in range(14)]
    for n, customer in enumerate(customers):
        currency = list(CURRENCIES.items())[n % 3]
        for k, late in enumerate((-10, 0, 1, 30, 31, 60, 61, 90, 91, 400)):
            if (n + k) % 3:
                continue
            invoice = issued(customer, Decimal("100.125") * (n + 1) + k, ago(late + 30), ago(late),
                             currency=currency)  # fmt: skip
            if k % 4 == 1:
                pay(invoice, Decimal("10.5"), ago(1))
        if n % 4 == 0:
            note = credit_note(customer, 35 + n, ago(2), currency=currency)
            if n % 8 == 0:
                pay(note, 5, ago(1))  # a refund: less credit left
        issued(customer, 777, ago(100), ago(95), status="paid", currency=currency)
        issued(customer, 555, ago(100), ago(95), status="draft", currency=currency)
        issued(customer, 333, ago(100), ago(95), status="cancelled", currency=currency)
    # Credit only, in two currencies; equal totals (the customer id decides).
    lonely = make_customer(company="Only Credit")
    credit_note(lonely, 40, ago(3))
    credit_note(lonely, 40, ago(3), currency=("JPY", 0))
    twin_a, twin_b = make_customer(company="Twin A"), make_customer(company="Twin B")
    for twin in (twin_a, twin_b):
        issued(twin, 250, ago(40), ago(10))
    # Credit partly applied to an invoice: both figures move.
    applied = make_customer(company="Applied Credit")
    invoice = issued(applied, 300, ago(20), ago(5))
    note = credit_note(applied, 120, ago(4))
    apply_credit(note, invoice, 70, ago(2))
    closed = credit_note(applied, 60, ago(4), status="closed")  # no credit left: not counted
    assert closed.status == "closed"
    return today


def test_rows_pages_and_totals_match_a_plain_computation(books, client, login_as):
    today = books
    expected = _expected(today)
    everything = [(c, r) for c in sorted(expected) for r in expected[c]]
    assert [(r.currency, _as_tuple(r)) for r in ageing_rows(today)] == everything
    for size in (1, 4, 7):
        paged = []
        for offset in range(0, len(everything) + size, size):
            paged += [(r.currency, _as_tuple(r)) for r in ageing_rows(today, None, size, offset)]
        assert paged == everything, size
    totals = ageing_totals(today)
    assert [t.currency for t in totals] == sorted(expected)
    for total in totals:
        rows = expected[total.currency]
        sums = [sum(r[2 + i] for r in rows) for i in range(len(BUCKETS) + 2)]
        assert (*(getattr(total, b) for b in BUCKETS), total.unapplied_credit, total.total) == (
            tuple(sums)
        ), total.currency
        assert total.customers == len(rows)
    page, page_totals = ageing_page(today, 1)
    assert page.total == len(everything) and page.pages == -(-len(everything) // PAGE_ROWS)
    assert [(r.currency, _as_tuple(r)) for r in page.items] == everything[:PAGE_ROWS]
    assert [_as_tuple(t)[2:] for t in page_totals] == [_as_tuple(t)[2:] for t in totals]
    login_as(make_admin())
    body = client.get("/admin/reports/ageing").get_data(as_text=True)
    assert "Only Credit" in body and "Twin A" in body and "Customer 13" in body
    for currency, rows in expected.items():
        assert f"Total ({len(rows)} customers)" in body, currency
