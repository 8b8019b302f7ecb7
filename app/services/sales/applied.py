"""The credit notes applied to an invoice, as its staff page, its portal page and its PDF name
them (number, date, amount)."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import CreditApplication, Document


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
