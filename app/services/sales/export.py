"""The filtered invoice, estimate, proposal and credit note lists as spreadsheets: one row per
document, or one row per line; rows of typed cells read in batches (app/exports.py writes them
as CSV or XLSX). Amounts are numbers rounded to the document's currency, dates are dates."""

from collections.abc import Iterator
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import pgettext
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.exports import in_batches
from app.extensions import db
from app.i18n import percent
from app.labels.sales import document_number
from app.labels.statuses import document_status_label
from app.models import Document, DocumentItem, Payment
from app.services.custom_fields.values import export_cell, record_values
from app.services.sales.queries import DocumentFilters, document_ids
from app.services.sales.service import document_totals
from app.services.sales.status import effective_status
from app.services.sales.totals import quantize
from app.services.scope import Scope


def documents_header(kind: str, fields: list = ()) -> list[str]:
    """One document a row: the column titles in the reader's language, custom fields by key."""
    if kind == "credit":
        return [_("Number"), _("Customer"), _("Date"), _("Invoice"), _("Status"), _("Currency"),
                _("Total"), _("Applied"), _("Refunded"), _("Credit left")]  # fmt: skip
    due = _("Due date") if kind == "invoice" else _("Valid until")
    money = [_("Subtotal"), _("Discount"), _("Tax"), _("Total")]
    if kind == "invoice":
        money += [pgettext("amount", "Paid"), _("Amount due")]
    return [_("Number"), _("Customer"), _("Date"), due, _("Status"), _("Currency"), *money,
            *(f.key for f in fields)]  # fmt: skip


def documents_batches(filters: DocumentFilters, scope: Scope, fields: list = ()) -> Iterator:
    """Every matching document (not only one page), in the list's order, a batch at a time."""
    kind = filters.kind

    def rows_of(chunk: list[int]) -> list[list]:
        query = select(Document).where(Document.id.in_(chunk))
        if kind == "credit":
            found = {d.id: d for d in db.session.scalars(query)}
            return _credit_rows([found[i] for i in chunk])
        found = {d.id: d for d in db.session.scalars(query.options(selectinload(Document.items)))}
        custom = record_values(chunk, kind, fields)
        return [_document_row(found[i], custom.get(i, {}), fields) for i in chunk]

    return in_batches(document_ids(filters, scope), rows_of)


def _start(d: Document) -> list:
    return [str(document_number(d)), d.client_company, d.issue_date]


def _status(d: Document) -> str:
    return str(document_status_label(effective_status(d), d.kind))


def _document_row(d: Document, custom: dict, fields) -> list:
    totals = document_totals(d)
    tax = sum((amount for _name, _pct, amount in totals.tax_lines), Decimal(0))
    places = d.currency_decimals
    row = [*_start(d), d.due_date, _status(d), d.currency_code,
           *(quantize(v, places) for v in (d.subtotal, totals.discount, tax, d.total))]  # fmt: skip
    if d.kind == "invoice":
        row += [quantize(d.amount_paid, places), quantize(d.amount_due, places)]
    return row + [export_cell(f, custom.get(f.id, [])) for f in fields]


def _credit_rows(credits: list[Document]) -> list[list]:
    """A credit note: its invoice's number, what was applied, refunded and is still open."""
    ids = [c.id for c in credits]
    refunded = dict(db.session.execute(
        select(Payment.document_id, func.sum(Payment.amount))
        .where(Payment.document_id.in_(ids)).group_by(Payment.document_id)).all())  # fmt: skip
    invoice_ids = {c.credited_invoice_id for c in credits if c.credited_invoice_id}
    numbers = dict(
        db.session.execute(
            select(Document.id, Document.number).where(Document.id.in_(invoice_ids))
        ).all()
    )
    rows = []
    for c in credits:
        back = Decimal(refunded.get(c.id) or 0)
        applied = (c.amount_paid or Decimal(0)) - back
        amounts = [quantize(v, c.currency_decimals) for v in (c.total, applied, back, c.amount_due)]
        invoice = numbers.get(c.credited_invoice_id) or ""
        rows.append([*_start(c), invoice, _status(c), c.currency_code, *amounts])
    return rows


def lines_header() -> list[str]:
    """One line a row (of every matching document)."""
    return [_("Number"), _("Customer"), _("Date"), _("Description"), _("Quantity"), _("Unit"),
            _("Rate"), _("Taxes"), _("Line total"), _("Currency")]  # fmt: skip


def lines_batches(filters: DocumentFilters, scope: Scope) -> Iterator:
    """The lines of every matching document, document by document in the list's order."""

    def rows_of(chunk: list[int]) -> list[list]:
        found = {
            d.id: d for d in db.session.scalars(select(Document).where(Document.id.in_(chunk)))
        }
        lines = db.session.scalars(select(DocumentItem).where(DocumentItem.document_id.in_(chunk))
                                   .order_by(DocumentItem.document_id, DocumentItem.position,
                                             DocumentItem.id))  # fmt: skip
        by_document: dict[int, list] = {}
        for line in lines:
            by_document.setdefault(line.document_id, []).append(line)
        return [_line_row(found[i], line) for i in chunk for line in by_document.get(i, [])]

    return in_batches(document_ids(filters, scope), rows_of)


def _line_row(d: Document, line: DocumentItem) -> list:
    taxes = "; ".join(f"{t.name} {percent(t.percent)}" for t in line.taxes)
    places = d.currency_decimals
    rate = line.rate.normalize()  # 10.5 as 10.50 in euros, 0.125 as typed
    rate = quantize(rate, places) if -rate.as_tuple().exponent < places else rate
    return [*_start(d), line.description, line.quantity.normalize(), line.unit or "", rate,
            taxes, quantize(line.quantity * line.rate, places), d.currency_code]  # fmt: skip
