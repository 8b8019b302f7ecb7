"""Sales reports over the invoices (and credit notes) the asking person's scope allows for
reports ("reports: view own": those of the customers they are assigned to):

- the ageing report: what each customer owes today, by days past the due date, per currency,
  less its unapplied credit (one grouped query for the rows, one for the totals);
- the sales journal: every issued invoice and credit note of a period (credit notes negative);
- the VAT summary: taxable base and tax per rate and currency (credit notes subtract).

The journal and the VAT summary take each document's figures from the one place amounts are
computed (app/services/sales/totals.py), so they match the PDFs to the cent."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, literal, select, union_all
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Customer, Document
from app.services.lists import Page
from app.services.sales.service import document_lines
from app.services.sales.status import UNPAID
from app.services.sales.totals import compute, quantize
from app.services.scope import Scope
from app.services.statements.service import BUCKETS, bucket_of

ZERO = Decimal(0)
COLUMNS = (*BUCKETS, "unapplied_credit")
BATCH = 500


@dataclass
class AgeingRow:
    customer_id: int | None  # None: the currency's totals row
    company: str
    currency: str
    current: Decimal
    days_1_30: Decimal
    days_31_60: Decimal
    days_61_90: Decimal
    over_90: Decimal
    unapplied_credit: Decimal
    total: Decimal
    customers: int = 1


def _reported(query, scope: Scope | None):
    return query if scope is None else scope.narrow(query, Document, "reports")


def _open_amounts(today: date, scope: Scope | None):
    """SQL: what is open today on each unpaid invoice (its bucket) and each open credit note."""
    due = (Document.total - Document.amount_paid).label("due")
    places = Document.currency_decimals.label("decimals")
    invoices = _reported(select(
        Document.customer_id.label("customer_id"), Document.currency_code.label("currency"),
        bucket_of(Document.due_date, today).label("bucket"), due, places,
    ).where(Document.kind == "invoice", Document.status.in_(UNPAID)), scope)  # fmt: skip
    credit = _reported(select(
        Document.customer_id.label("customer_id"), Document.currency_code.label("currency"),
        literal("unapplied_credit").label("bucket"), due, places,
    ).where(Document.kind == "credit", Document.status == "open"), scope)  # fmt: skip
    return union_all(invoices, credit).subquery()


def _sums(amounts):
    """The sum of each column, and the total due (unapplied credit subtracted)."""
    columns = [func.sum(case((amounts.c.bucket == name, amounts.c.due), else_=0)).label(name)
               for name in COLUMNS]  # fmt: skip
    signed = case((amounts.c.bucket == "unapplied_credit", -amounts.c.due), else_=amounts.c.due)
    return [
        *columns,
        func.sum(signed).label("total"),
        func.max(amounts.c.decimals).label("decimals"),
    ]


def ageing_rows(today: date, scope: Scope | None = None, limit: int | None = None,
                offset: int = 0) -> list[AgeingRow]:  # fmt: skip
    """A row per customer and currency (largest balance first), `limit` rows from `offset`."""
    amounts = _open_amounts(today, scope)
    grouped = (select(amounts.c.customer_id, amounts.c.currency, *_sums(amounts))
               .group_by(amounts.c.customer_id, amounts.c.currency).subquery())  # fmt: skip
    query = (
        select(grouped, Customer.company)
        .join(Customer, Customer.id == grouped.c.customer_id)
        .order_by(grouped.c.currency, grouped.c.total.desc(), grouped.c.customer_id)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return [AgeingRow(row.customer_id, row.company, row.currency,
                      *(_money(getattr(row, c), row.decimals) for c in (*COLUMNS, "total")))
            for row in db.session.execute(query)]  # fmt: skip


def _money(value, places) -> Decimal:
    return quantize(Decimal(value or 0), places if places is not None else 2)


def ageing_totals(today: date, scope: Scope | None = None) -> list[AgeingRow]:
    """Per currency, the totals row (and how many customers owe or are owed)."""
    amounts = _open_amounts(today, scope)
    customers = func.count(func.distinct(amounts.c.customer_id))
    query = (select(amounts.c.currency, customers, *_sums(amounts))
             .group_by(amounts.c.currency).order_by(amounts.c.currency))  # fmt: skip
    return [AgeingRow(None, "", row.currency, *(_money(getattr(row, c), row.decimals)
                                                for c in (*COLUMNS, "total")), customers=row[1])
            for row in db.session.execute(query)]  # fmt: skip


def ageing_export_rows(today: date, scope: Scope | None = None) -> Iterator[list]:
    """Every row of the ageing report, in batches (for CSV and XLSX)."""
    offset = 0
    while True:
        rows = ageing_rows(today, scope, BATCH, offset)
        if not rows:
            return
        yield rows
        offset += BATCH


@dataclass
class JournalRow:
    document_id: int
    kind: str  # invoice or credit
    number: str | None
    day: date
    company: str
    vat: str | None
    currency: str
    decimals: int
    net: Decimal
    tax: Decimal
    total: Decimal
    status: str
    taxes: list[tuple[str, Decimal, Decimal, Decimal]] = field(default_factory=list)


def _issued_in(start: date, end: date, scope: Scope | None):
    return (
        _reported(
            select(Document).where(
                Document.kind.in_(("invoice", "credit")),
                Document.status != "draft",
                Document.issue_date >= start,
                Document.issue_date <= end,
            ),
            scope,
        )
        .order_by(Document.issue_date, Document.kind, Document.number, Document.id)
        .options(
            selectinload(Document.items)  # one query for a batch's lines, one for their taxes
        )
    )


def journal(start: date, end: date, scope: Scope | None = None) -> Iterator[list[JournalRow]]:
    """Every issued invoice and credit note of the period, in batches, by date; a credit
    note's amounts negative. Each row also carries its (name, percent, base, tax) per rate."""
    query = _issued_in(start, end, scope)
    last = 0
    while True:
        documents = db.session.scalars(query.offset(last).limit(BATCH)).all()
        if not documents:
            return
        yield [_journal_row(document) for document in documents]
        last += BATCH


def _journal_row(document: Document) -> JournalRow:
    lines = document_lines(document)
    places = document.currency_decimals
    totals = compute(lines, places, document.discount_type, document.discount_value or ZERO,
                     document.discount_before_tax)  # fmt: skip
    sign = -1 if document.kind == "credit" else 1
    factor = Decimal(1)
    if document.discount_before_tax and totals.discount and totals.subtotal:
        factor = (totals.subtotal - totals.discount) / totals.subtotal
    bases: dict[tuple[str, Decimal], Decimal] = {}
    for line, amount in zip(lines, totals.line_amounts, strict=True):
        for name, percent in line.taxes or (("", Decimal(0)),):
            key = (name, Decimal(format(percent.normalize(), "f")))
            bases[key] = bases.get(key, ZERO) + amount * factor
    taxed = {(name, percent): amount for name, percent, amount in totals.tax_lines}
    none = quantize(ZERO, places)
    rates = [(name, percent, sign * quantize(base, places), sign * taxed.get((name, percent), none))
             for (name, percent), base in sorted(bases.items())]  # fmt: skip
    tax = sum(taxed.values(), ZERO)
    return JournalRow(document.id, document.kind, document.number, document.issue_date,
                      document.client_company, document.client_vat, document.currency_code,
                      places, sign * (totals.total - tax), sign * tax, sign * totals.total,
                      document.status, rates)  # fmt: skip


@dataclass
class VatRow:
    currency: str
    name: str  # "" for lines without tax
    percent: Decimal
    base: Decimal = ZERO
    tax: Decimal = ZERO


def vat_summary(start: date, end: date, scope: Scope | None = None) -> list[VatRow]:
    """Taxable base and tax per rate and currency over the period's issued invoices and credit
    notes (credit notes subtract); lines without tax have their own row."""
    rows: dict[tuple[str, str, Decimal], VatRow] = {}
    for batch in journal(start, end, scope):
        for document in batch:
            for name, percent, base, tax in document.taxes:
                row = rows.setdefault((document.currency, name, percent),
                                      VatRow(document.currency, name, percent))  # fmt: skip
                row.base += base
                row.tax += tax
    return [rows[key] for key in sorted(rows, key=lambda k: (k[0], k[1] == "", k[2], k[1]))]


PAGE_ROWS = 100  # rows of the ageing report and the sales journal on one page


def ageing_page(today: date, number: int, scope: Scope | None = None):
    """One page of the ageing report, and its totals rows per currency."""
    totals = ageing_totals(today, scope)
    count = sum(row.customers for row in totals)
    pages = max(1, -(-count // PAGE_ROWS))
    number = min(max(number, 1), pages)
    rows = ageing_rows(today, scope, PAGE_ROWS, (number - 1) * PAGE_ROWS)
    return Page(rows, number, pages, count), totals


def journal_page(start: date, end: date, number: int, scope: Scope | None = None) -> Page:
    """One page of the sales journal."""
    query = _issued_in(start, end, scope)
    count = db.session.scalar(select(func.count()).select_from(
        query.order_by(None).options().with_only_columns(Document.id).subquery())) or 0  # fmt: skip
    pages = max(1, -(-count // PAGE_ROWS))
    number = min(max(number, 1), pages)
    documents = db.session.scalars(query.offset((number - 1) * PAGE_ROWS).limit(PAGE_ROWS))
    return Page([_journal_row(d) for d in documents], number, pages, count)
