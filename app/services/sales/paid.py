"""What was paid on a document: an invoice's payments plus the credit applied to it, a credit
note's applied credit plus its refunds (Payment rows on the credit note), so a credit note's
`amount_due` is the credit left. The statuses that follow from it."""

from decimal import Decimal

from sqlalchemy import func, select

from app.extensions import db
from app.models import CreditApplication, Document
from app.models.sales import OWED_KINDS
from app.services.sales.totals import quantize
from app.services.stored_pdfs import store_later


def credit_applied(document: Document) -> Decimal:
    """The credit applied to an invoice, or from a credit note (as committed and flushed)."""
    if document.id is None:
        return Decimal(0)
    column = (
        CreditApplication.credit_note_id if document.kind == "credit"
        else CreditApplication.invoice_id
    )  # fmt: skip
    db.session.flush()
    applied = db.session.scalar(
        select(func.coalesce(func.sum(CreditApplication.amount), 0)).where(column == document.id)
    )
    return quantize(Decimal(applied), document.currency_decimals or 0)


def left_to_credit(invoice: Document, exclude: int = 0) -> Decimal:
    """The invoice's total less the credit notes issued from it (drafts do not count)."""
    query = select(Document.total).where(
        Document.kind == "credit", Document.credited_invoice_id == invoice.id,
        Document.status != "draft", Document.id != exclude,
    )  # fmt: skip
    return invoice.total - sum(db.session.scalars(query), Decimal(0))


def refresh_paid(document: Document) -> None:
    """Store what was paid: an invoice's payments and the credit applied to it, a credit note's
    applied credit and refunds (its `amount_due` is then the credit left). An issued invoice's
    status follows (unpaid, partial, paid), an issued credit note's too (open, closed), and an
    issued document's PDF is rendered again once this commits."""
    paid = sum((p.amount for p in document.payments), Decimal(0))
    document.amount_paid = paid + credit_applied(document)
    if document.kind in OWED_KINDS and document.status not in {"draft", "cancelled"}:
        document.status = payment_status(document)
    if document.kind == "credit" and document.status != "draft":
        document.status = "open" if document.amount_due > 0 else "closed"
    store_later(document)  # what it owes and its status are on its PDF


def payment_status(document: Document) -> str:
    if document.amount_paid <= 0:
        return "unpaid"
    return "paid" if document.amount_paid >= document.total else "partial"
