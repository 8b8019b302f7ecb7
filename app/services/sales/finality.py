"""Issued invoices are final, and actions on one invoice happen one after the other.

Two requests acting on one invoice at once (two payments, a payment and a cancel, a save of the
draft and its issue) are serialised before either reads the invoice's status or amount due:
PostgreSQL locks the row (`SELECT … FOR UPDATE`); on SQLite the transaction's first statement is
a write, so the second writer waits for the first one's commit and then reads what it wrote
(the same pattern as app/services/staff_accounts._guarded_update)."""

from collections.abc import Callable
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import update

from app.extensions import db
from app.i18n import money
from app.models import Document
from app.services import Collector, ValidationError
from app.services.locks import lock_row
from app.services.sales.totals import quantize

# Issued means final for these kinds: numbered when issued, then never changed.
NUMBERED_WHEN_ISSUED = ("invoice", "credit")


def final_reason(invoice: Document) -> str:
    """Why an issued invoice (or credit note) cannot be changed, and the way out, in one
    sentence."""
    if invoice.kind == "credit":
        return _("An issued credit note cannot be changed: copy it to make a new draft.")
    if invoice.status == "cancelled":
        return _("A cancelled invoice cannot be changed: copy it to make a new draft.")
    return _(
        "An issued invoice cannot be changed: to correct it, create a credit note (or cancel it "
        "if nothing was paid), then copy it to make a new draft if needed."
    )


def claim_draft(invoice: Document) -> None:
    """Before a draft invoice is saved: a conditional UPDATE on status 'draft' (a save and an
    issue at the same moment are serialised, so an issued invoice never gets the draft's later
    lines), then the invoice as committed; an issued one is final (ValidationError)."""
    claimed = db.session.execute(
        update(Document).where(Document.id == invoice.id, Document.status == "draft")
        .values(status="draft").execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    db.session.refresh(invoice)  # another save may have changed its lines meanwhile
    if not claimed:
        raise ValidationError(final_reason(invoice))


def lock_documents(documents: list[Document]) -> None:
    """lock_invoice for several documents (a credit note and the invoices it is applied to),
    always in id order, so two requests locking some of the same ones never wait on each
    other crosswise."""
    for document in sorted(documents, key=lambda d: d.id):
        lock_invoice(document)


def lock_invoice(invoice: Document) -> None:
    """Take the invoice for this transaction, then read it (payments too) as committed: the
    next request acting on it waits until this one commits or rolls back."""
    lock_row(invoice, "status")
    db.session.expire(invoice, ["payments"])


def lock_then_check_amount(
    document: Document, expects: Callable[[Document], bool], refused: str,
    amount: Decimal | None, errors: Collector, too_much: Callable[[str], str],
) -> Decimal | None:  # fmt: skip
    """Money recorded on a document (a payment on an invoice, a refund on a credit note): lock
    it, then, as committed, check that it still takes money (else `refused` beside the amount,
    say when another request paid it meanwhile) and that the amount, rounded to the document's
    currency, is above zero and at most its amount due (`too_much` gets that due, formatted).
    The rounded amount is returned; its errors go to `errors`."""
    lock_invoice(document)
    if not expects(document):
        raise ValidationError(refused, "amount")
    due = document.amount_due
    if amount is not None and amount.is_finite() and 0 < amount <= due + 1:
        amount = quantize(amount, document.currency_decimals)  # then check what is recorded
    if amount is None or not amount.is_finite() or amount <= 0:
        errors.add("amount", _("Enter an amount above zero."))
    elif amount > due:
        errors.add("amount", too_much(money(due, document.currency_code)))
    return amount


def can_edit(document: Document) -> bool:
    """An issued invoice or credit note is final (only a draft changes); paid, cancelled and
    converted estimates and proposals, and accepted proposals, are final too."""
    if document.kind in NUMBERED_WHEN_ISSUED:
        return document.status == "draft"
    return not (
        document.status in {"paid", "cancelled"}
        or document.converted_to_id
        or (document.kind == "proposal" and document.status == "accepted")
    )
