"""Credit notes (kind "credit"): made from an invoice or from scratch, applied to the customer's
open invoices of the same currency, refunded, and made automatically when an issued invoice is
cancelled.

Money: an invoice's `amount_paid` is its payments plus the credit applied to it; a credit
note's is the credit applied from it plus its refunds (Payment rows on the credit note), so its
`amount_due` is the credit left (app/services/sales/paid.refresh_paid). Every change locks the
credit note and the invoices it touches, in id order (finality.lock_documents)."""

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.i18n import money
from app.models import CreditApplication, Document, Payment, User
from app.services import Collector, FormErrors, ValidationError
from app.services.sales.copies import new_copy
from app.services.sales.finality import lock_documents, lock_invoice, lock_then_check_amount
from app.services.sales.finance import document_texts
from app.services.sales.paid import left_to_credit, refresh_paid
from app.services.sales.status import UNPAID
from app.services.sales.totals import quantize
from app.services.scope import Scope

REFUND_MODES = ("bank_transfer", "card", "cash", "cheque", "other")


def amount_field(invoice_id: int) -> str:
    """The apply form's field for one invoice."""
    return f"amount_{invoice_id}"


def same_account_invoices(credit: Document, scope: Scope):
    """SQL: the issued invoices a credit note may go to: same customer, same currency."""
    query = select(Document).where(
        Document.kind == "invoice", Document.customer_id == credit.customer_id,
        Document.currency_code == credit.currency_code, Document.number.is_not(None),
    )  # fmt: skip
    return scope.narrow(query, Document)


def in_apply_order(credit: Document, invoices) -> list[Document]:
    """The invoice the credit note was made from first, then the others oldest first."""
    linked = credit.credited_invoice_id
    return sorted(invoices, key=lambda i: (i.id != linked, i.issue_date, i.id))


def open_invoices(credit: Document, scope: Scope) -> list[Document]:
    """The invoices this credit note's apply form lists (and prefills in this order): unpaid or
    partly paid, the one it was made from first, then the others oldest first."""
    query = same_account_invoices(credit, scope).where(Document.status.in_(UNPAID))
    return in_apply_order(credit, db.session.scalars(query))


def applications_of(document: Document) -> list[CreditApplication]:
    """What was applied from a credit note, or to an invoice, oldest first, the document on the
    other side loaded in the same query; no query for an invoice without credit applied."""
    if document.kind == "credit":
        column, other = CreditApplication.credit_note_id, CreditApplication.invoice
    elif document.kind == "invoice" and document.credit_applied:
        column, other = CreditApplication.invoice_id, CreditApplication.credit_note
    else:
        return []
    query = select(CreditApplication).where(column == document.id).options(joinedload(other))
    return list(db.session.scalars(query.order_by(CreditApplication.id)))


def credited_by(invoice: Document, scope: Scope) -> list[Document]:
    """The credit notes made from this invoice (its page links them)."""
    query = select(Document).where(
        Document.kind == "credit", Document.credited_invoice_id == invoice.id
    )
    return list(db.session.scalars(scope.narrow(query, Document).order_by(Document.id)))


def may_credit(invoice: Document) -> bool:
    """An issued invoice, not cancelled, with something left to credit may be credited (its
    way out of 'issued is final')."""
    return (
        invoice.kind == "invoice" and invoice.status not in {"draft", "cancelled"}
        and left_to_credit(invoice) > 0
    )  # fmt: skip


def check_within_invoice(credit: Document) -> None:
    """Before a credit note made from an invoice is issued: the invoice is locked (two credit
    notes of it issued at once are checked one after the other) and the credit notes issued
    from it may together not exceed its total."""
    if credit.kind != "credit" or credit.credited_invoice_id is None:
        return
    invoice = db.session.get(Document, credit.credited_invoice_id)
    lock_invoice(invoice)
    left = left_to_credit(invoice, exclude=credit.id)
    if credit.total > left:
        raise ValidationError(
            _("This credit note is more than what is left to credit on invoice %(number)s "
              "(%(left)s).", number=invoice.number, left=money(max(left, 0), credit.currency_code))
        )  # fmt: skip


def credit_from_invoice(invoice: Document, user: User | None, today: date | None = None):
    """A draft credit note with the invoice's customer details, lines, currency and language,
    linked to it; its notes and terms are the credit notes' defaults of that language. While one
    such draft exists it is the one given back (a double click makes one draft)."""
    lock_invoice(invoice)
    if not may_credit(invoice):
        if invoice.kind == "invoice" and invoice.status not in {"draft", "cancelled"}:
            raise ValidationError(_("This invoice is already credited in full."))
        raise ValidationError(_("Only an issued invoice can be credited."))
    draft = db.session.scalar(
        select(Document).where(Document.kind == "credit", Document.status == "draft",
                               Document.credited_invoice_id == invoice.id)
        .order_by(Document.id)
    )  # fmt: skip
    if draft is not None:
        return draft
    today = today or date.today()
    for item in invoice.items:
        item.taxes  # noqa: B018 - loaded before the first write
    credit = new_copy(invoice, user, "credit", today, None)
    credit.credited_invoice_id = invoice.id
    credit.notes, credit.terms = (t or None for t in document_texts("credit", invoice.language))
    db.session.flush()
    return credit


def apply_credit(
    credit: Document, amounts: dict[int, Decimal | None], invoices: dict[int, Document],
    user: User | None, today: date | None = None,
) -> list[CreditApplication]:  # fmt: skip
    """Apply parts of an open credit note to invoices (`amounts`: invoice id -> amount typed,
    None when left empty; `invoices` already checked to be of its customer and currency).
    Refused beside each invoice's field: zero or negative, more than its amount due, an invoice
    no longer open; beside the first: a total above the credit left. All or nothing."""
    chosen = {i: a for i, a in amounts.items() if a is not None}
    lock_documents([credit, *(invoices[i] for i in chosen)])
    if credit.kind != "credit" or credit.status != "open":
        raise ValidationError(_("This credit note has no credit left."))
    errors = Collector()
    if not chosen:
        raise ValidationError(_("Enter an amount for at least one invoice."))
    rounded = {}
    for invoice_id, amount in chosen.items():
        invoice, field = invoices[invoice_id], amount_field(invoice_id)
        if not amount.is_finite() or amount <= 0:
            errors.add(field, _("Enter an amount above zero."))
            continue
        amount = quantize(amount, credit.currency_decimals) if amount < 10**12 else amount
        if invoice.status not in UNPAID:
            errors.add(field, _("This invoice does not expect a payment."))
        elif amount > invoice.amount_due:
            due = money(invoice.amount_due, invoice.currency_code)
            errors.add(field, _("This is more than the amount due (%(due)s).", due=due))
        rounded[invoice_id] = amount
    errors.raise_if_any()
    if sum(rounded.values(), Decimal(0)) > credit.amount_due:
        left = money(credit.amount_due, credit.currency_code)
        first = amount_field(next(iter(rounded)))
        raise FormErrors(
            {first: [_("Together this is more than the credit left (%(left)s).", left=left)]}
        )
    today = today or date.today()
    applications = [
        CreditApplication(credit_note_id=credit.id, invoice_id=i, amount=a, applied_on=today,
                          created_by_id=user.id if user else None)
        for i, a in rounded.items()
    ]  # fmt: skip
    db.session.add_all(applications)
    for invoice_id in rounded:
        refresh_paid(invoices[invoice_id])
    refresh_paid(credit)
    db.session.flush()
    return applications


def remove_application(application: CreditApplication) -> None:
    """Undo an application: the amount is credit left again and the invoice owes it again;
    refused once the invoice is cancelled (its automatic credit note stays applied)."""
    credit, invoice = application.credit_note, application.invoice
    lock_documents([credit, invoice])
    still = select(CreditApplication.id).where(CreditApplication.id == application.id)
    if db.session.scalar(still) is None:  # removed by another request meanwhile
        raise ValidationError(_("This application was already removed."))
    if invoice.status == "cancelled":
        raise ValidationError(_("The credit applied to a cancelled invoice stays applied."))
    db.session.delete(application)
    db.session.flush()
    refresh_paid(invoice)
    refresh_paid(credit)
    db.session.flush()


def record_refund(
    credit: Document, amount: Decimal | None, paid_on: date | None, mode: str,
    note: str | None, user: User | None,
) -> Payment:  # fmt: skip
    """Money paid back to the customer from an open credit note: at most the credit left, not
    before its issue date; the credit note closes when nothing is left."""
    errors = Collector()
    amount = lock_then_check_amount(
        credit, lambda c: c.kind == "credit" and c.status == "open",
        _("This credit note has no credit left."), amount, errors,
        lambda left: _("This is more than the credit left (%(left)s).", left=left),
    )  # fmt: skip
    if paid_on is None:
        errors.add("paid_on", _("Enter the date."))
    elif errors.day("paid_on", paid_on) and paid_on < credit.issue_date:
        errors.add("paid_on", _("This date is before the credit note's issue date."))
    if mode not in REFUND_MODES:
        errors.add("mode", _("Choose a payment mode from the list."))
    errors.raise_if_any()
    refund = Payment(document=credit, amount=amount, paid_on=paid_on, mode=mode,
                     note=(note or "").strip()[:500] or None,
                     created_by_id=user.id if user else None)  # fmt: skip
    db.session.add(refund)
    db.session.flush()
    refresh_paid(credit)
    db.session.flush()
    return refund
