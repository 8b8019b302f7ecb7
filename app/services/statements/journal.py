"""Sales reports over the invoices (and credit notes) the asking person's scope allows for
reports ("reports: view own": those of the customers they are assigned to):

- the sales journal: every issued invoice and credit note of a period (credit notes negative);
- the VAT summary: taxable base and tax per rate and currency (credit notes subtract).

The journal and the VAT summary take each document's figures from the one place amounts are
computed (app/services/sales/totals.py), so they match the PDFs to the cent."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Document
from app.services.lists import Page
from app.services.sales.service import document_lines
from app.services.sales.totals import compute, quantize
from app.services.scope import Scope
from app.services.statements.ageing import BATCH, PAGE_ROWS, ZERO, _reported


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


def _signed(sign: int, amount: Decimal) -> Decimal:
    """`amount` with the sign of its document; a zero is never negative (no "-0" in exports)."""
    return sign * amount + ZERO


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
    rates = [(name, percent, _signed(sign, quantize(base, places)),
              _signed(sign, taxed.get((name, percent), none)))
             for (name, percent), base in sorted(bases.items())]  # fmt: skip
    tax = quantize(sum(taxed.values(), ZERO), places)
    return JournalRow(document.id, document.kind, document.number, document.issue_date,
                      document.client_company, document.client_vat, document.currency_code,
                      places, _signed(sign, totals.total - tax), _signed(sign, tax),
                      _signed(sign, totals.total),
                      document.status, rates)  # fmt: skip


@dataclass
class VatRow:
    currency: str
    name: str  # "" for lines without tax
    percent: Decimal
    base: Decimal = ZERO
    tax: Decimal = ZERO


def _bases_adding_up(document: JournalRow) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """A document's (name, percent, base, tax) per rate, its bases adding up to its net: what
    they lack of it (a discount after tax, a cent of rounding) is spread over the rates in
    proportion to their amount with tax, rounded to the currency, the remainder on the largest.
    The tax per rate stays the one the PDF prints."""
    rates = document.taxes
    missing = document.net - sum((base for _n, _p, base, _t in rates), ZERO)
    gross = [base + tax for _n, _p, base, tax in rates]
    whole = sum(gross, ZERO)
    if not missing or not rates:
        return rates
    shares = [quantize(missing * g / whole, document.decimals) if whole else ZERO for g in gross]
    largest = max(range(len(rates)), key=lambda i: abs(gross[i]))
    shares[largest] += missing - sum(shares, ZERO)
    return [(name, percent, base + share, tax)
            for (name, percent, base, tax), share in zip(rates, shares, strict=True)]  # fmt: skip


def vat_summary(start: date, end: date, scope: Scope | None = None) -> list[VatRow]:
    """Taxable base and tax per rate and currency over the period's issued invoices and credit
    notes (credit notes subtract); lines without tax have their own row. The rows add up to the
    documents' net and tax (a discount after tax is spread over the rates' bases)."""
    rows: dict[tuple[str, str, Decimal], VatRow] = {}
    for batch in journal(start, end, scope):
        for document in batch:
            for name, percent, base, tax in _bases_adding_up(document):
                row = rows.setdefault((document.currency, name, percent),
                                      VatRow(document.currency, name, percent))  # fmt: skip
                row.base += base
                row.tax += tax
    return [rows[key] for key in sorted(rows, key=lambda k: (k[0], k[1] == "", k[2], k[1]))]


def journal_page(start: date, end: date, number: int, scope: Scope | None = None) -> Page:
    """One page of the sales journal."""
    query = _issued_in(start, end, scope)
    count = db.session.scalar(select(func.count()).select_from(
        query.order_by(None).options().with_only_columns(Document.id).subquery())) or 0  # fmt: skip
    pages = max(1, -(-count // PAGE_ROWS))
    number = min(max(number, 1), pages)
    documents = db.session.scalars(query.offset((number - 1) * PAGE_ROWS).limit(PAGE_ROWS))
    return Page([_journal_row(d) for d in documents], number, pages, count)
