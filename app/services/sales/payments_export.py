"""The payments of the filtered invoice list as a spreadsheet: one row per payment received on
a matching invoice, read in batches (app/exports.py writes them as CSV or XLSX)."""

from collections.abc import Iterator
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.exports import in_batches
from app.extensions import db
from app.labels import label
from app.labels.sales import PAYMENT_MODE_LABELS
from app.models import Document, Payment
from app.services.sales.queries import DocumentFilters
from app.services.sales.totals import quantize
from app.services.scope import Scope


def payments_header() -> list[str]:
    return [_("Date"), _("Invoice"), _("Customer"), _("Amount"), _("Currency"),
            _("Payment mode"), _("Note")]  # fmt: skip


def payments_batches(filters: DocumentFilters, scope: Scope) -> Iterator:
    """Every payment of the matching invoices, newest first, a batch at a time."""
    query = select(Payment.id).join(Document, Payment.document_id == Document.id)
    query = scope.narrow(query.where(*filters.conditions(date.today())), Document)
    ids = list(db.session.scalars(query.order_by(Payment.paid_on.desc(), Payment.id.desc())))

    def rows_of(chunk: list[int]) -> list[list]:
        query = select(Payment).where(Payment.id.in_(chunk))
        found = {p.id: p for p in db.session.scalars(query.options(joinedload(Payment.document)))}
        return [_row(found[i]) for i in chunk]

    return in_batches(ids, rows_of)


def _row(p: Payment) -> list:
    d = p.document
    return [p.paid_on, d.number, d.client_company, quantize(p.amount, d.currency_decimals),
            d.currency_code, str(label(PAYMENT_MODE_LABELS, p.mode)), p.note or ""]  # fmt: skip
