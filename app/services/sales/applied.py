"""The credit notes applied to an invoice, as its staff page, its portal page and its PDF name
them (number, date, amount), and the one cancelling it would issue and apply."""

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import CreditApplication, Document
from app.services.sales.credit import left_to_credit


def credit_applied_to(invoice: Document) -> list[CreditApplication]:
    """What credit notes settled of an invoice, oldest first, each with its credit note loaded
    in the same query; no query at all when the invoice has no credit applied."""
    if invoice.kind != "invoice" or not invoice.credit_applied:
        return []
    query = (
        select(CreditApplication)
        .where(CreditApplication.invoice_id == invoice.id)
        .options(joinedload(CreditApplication.credit_note))
        .order_by(CreditApplication.id)
    )
    return list(db.session.scalars(query))


def credit_on_cancel(invoice: Document) -> Decimal:
    """What the credit note issued by cancelling this invoice would be worth: what is left to
    credit of an issued invoice that may be cancelled (nothing paid); 0 when none would be made
    (a draft, an invoice that may not be cancelled, nothing left to credit)."""
    if (invoice.kind != "invoice" or invoice.status in {"draft", "cancelled"}
            or invoice.amount_paid or invoice.payments):  # fmt: skip
        return Decimal(0)
    return max(left_to_credit(invoice), Decimal(0))
