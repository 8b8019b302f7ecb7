"""What happens to documents after they are saved: issue, answer, convert, cancel, payments."""

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select, update

from app.extensions import db
from app.models import Contact, Document, Payment, User
from app.models.sales import OWED_KINDS
from app.models.types import utcnow
from app.roles import KIND_MODULES
from app.services import Collector, ValidationError
from app.services.custom_fields.records import copy_custom
from app.services.customers.activity import log_activity
from app.services.locks import savepoint
from app.services.sales.cancelling import credit_what_is_left
from app.services.sales.copies import new_copy as _copy
from app.services.sales.credit import check_within_invoice
from app.services.sales.finality import NUMBERED_WHEN_ISSUED, lock_invoice, lock_then_check_amount
from app.services.sales.numbering import assign_number, prefix_of
from app.services.sales.paid import refresh_paid
from app.services.sales.service import customer_defaults, default_due_date
from app.services.sales.status import AWAITING_ANSWER, effective_status
from app.services.scope import Scope
from app.services.stored_pdfs import store_later

PAYMENT_MODES = ("bank_transfer", "card", "cash", "cheque", "other")


def issue(document: Document, today: date | None = None) -> None:
    """A draft invoice becomes due, a draft estimate or proposal is marked as sent.

    An invoice without a number takes the next one now and is dated the day it is issued
    (its term kept), so issued invoices are numbered in date order without gaps. The draft is
    claimed with a conditional UPDATE first: of two requests issuing it at once, one numbers it
    and the other changes nothing."""
    if document.status != "draft":
        return
    check_within_invoice(document)
    status = {"invoice": "unpaid", "credit": "open"}.get(document.kind, "sent")
    claimed = db.session.execute(
        update(Document).where(Document.id == document.id, Document.status == "draft")
        .values(status=status).execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    if not claimed:  # issued by another request meanwhile
        db.session.refresh(document)
        return
    document.status = status
    document.sent_at = document.sent_at or utcnow()
    if document.kind in NUMBERED_WHEN_ISSUED and document.number is None:
        today = today or date.today()
        if document.due_date is not None:
            document.due_date = today + (document.due_date - document.issue_date)
        document.issue_date = today
        assign_number(document, today)
    refresh_paid(document)
    db.session.flush()


CONVERTS_TO = {"estimate": ("invoice",), "proposal": ("estimate", "invoice")}


def can_answer(document: Document) -> bool:
    """A sent (opened, revised) estimate or proposal, not expired, awaits the customer's answer;
    a draft has not reached the customer yet."""
    return (
        document.kind in CONVERTS_TO
        and document.status in AWAITING_ANSWER
        and effective_status(document) != "expired"
    )


def can_convert(document: Document) -> bool:
    return (
        document.kind in CONVERTS_TO
        and not document.converted_to_id
        and (document.status != "declined")
    )


def can_send(document: Document) -> bool:
    """Cancelled and paid invoices, and answered proposals, are not sent again."""
    if document.status == "cancelled" or (document.kind == "invoice" and document.status == "paid"):
        return False
    return not (document.kind == "proposal" and document.status in {"accepted", "declined"})


def recipients(document: Document) -> list[Contact]:
    """The customer's active contacts who may open this kind of document in the portal."""
    module = KIND_MODULES[document.kind]
    return [c for c in document.customer.contacts if c.is_active and c.may_use(module)]


def answer_estimate(
    estimate: Document, accepted: bool, user: User | None = None, contact: Contact | None = None
) -> None:
    """The customer's `contact` (or staff, `user`, for them) accepts or declines a sent estimate
    or proposal; the customer's activity records who."""
    if not can_answer(estimate):
        if estimate.kind == "proposal":
            raise ValidationError(_("This proposal can no longer be answered."))
        raise ValidationError(_("This estimate can no longer be answered."))
    estimate.status = "accepted" if accepted else "declined"
    store_later(estimate)
    db.session.flush()
    log_activity(estimate.customer, user, f"document.{estimate.status}", subject=estimate.number,
                 contact=contact)  # fmt: skip


def mark_opened(proposal: Document) -> bool:
    """A sent proposal the customer has now read is 'open' (staff see it was read)."""
    if proposal.kind != "proposal" or proposal.status != "sent":
        return False
    proposal.status = "open"
    store_later(proposal)
    db.session.flush()
    return True


def may_cancel(invoice: Document) -> bool:
    """Whether an invoice may be cancelled: nothing paid, no credit applied, not yet cancelled."""
    return (invoice.kind == "invoice" and invoice.status != "cancelled"
            and not invoice.payments and not invoice.amount_paid)  # fmt: skip


def cancel_invoice(invoice: Document, user: User | None = None) -> Document | None:
    """An invoice without payments (nor credit applied) is cancelled; an issued one gets its own
    credit note in the same transaction for what is not yet credited (issued, applied to it,
    closed), returned; none when credit notes issued from it already cover it. Of two cancels
    (or a cancel and a payment, or a linked credit note issued) at once, the second sees what
    the first did."""
    if invoice.kind == "invoice":
        lock_invoice(invoice)
    if invoice.status == "cancelled":
        raise ValidationError(_("This invoice is already cancelled."))
    if not may_cancel(invoice):
        raise ValidationError(
            _("Only an invoice without payments can be cancelled: create a credit note for what "
              "is left instead.")
        )  # fmt: skip
    issued = invoice.status != "draft"
    invoice.status = "cancelled"
    db.session.flush()
    if not issued:  # a draft was never sent: nothing to credit
        return None
    credit = credit_what_is_left(invoice, user)
    refresh_paid(invoice)
    db.session.flush()
    return credit


def convert_to_invoice(estimate: Document, user: User | None, target: str = "invoice") -> Document:
    """Copy an estimate into a draft invoice, or a proposal into an estimate or invoice; once."""
    proposal = estimate.kind == "proposal"
    if target not in CONVERTS_TO.get(estimate.kind, ()):
        raise ValidationError(_("This document cannot be converted to that."))
    if estimate.converted_to_id:
        if proposal:
            raise ValidationError(_("This proposal was already converted."))
        raise ValidationError(_("This estimate was already converted."))
    if estimate.status == "declined":
        if proposal:
            raise ValidationError(_("A declined proposal cannot be converted."))
        raise ValidationError(_("A declined estimate cannot become an invoice."))
    # Read everything first: on SQLite the savepoint's first statement must be a write, or a
    # read snapshot taken inside it could not become a write once another request committed.
    today = date.today()
    due, prefix = default_due_date(target, today), prefix_of(target)
    for item in estimate.items:
        item.taxes  # noqa: B018 - loaded now
    try:
        with savepoint():  # a copy that lost the race is undone, its number too
            copy = _copy(estimate, user, target, today, due, prefix)
            copy_custom(estimate.kind, estimate.id, target, copy.id)
            claimed = db.session.execute(
                update(Document)
                .where(Document.id == estimate.id, Document.converted_to_id.is_(None))
                .values(converted_to_id=copy.id)
                .execution_options(synchronize_session=False)
            ).rowcount
            if not claimed:  # another request converted it meanwhile (a double click)
                raise _Lost
    except _Lost:
        db.session.expire(estimate)
        if proposal:
            raise ValidationError(_("This proposal was already converted.")) from None
        raise ValidationError(_("This estimate was already converted.")) from None
    db.session.expire(estimate, ["converted_to_id"])
    if estimate.status in AWAITING_ANSWER:  # a draft stays a draft: the customer never saw it
        estimate.status = "accepted"
        store_later(estimate)
    db.session.flush()
    log_activity(estimate.customer, user, "document.converted",
                 subject=" → ".join(filter(None, (estimate.number, copy.number))))  # fmt: skip
    return copy


def conversion_links(document: Document, scope: Scope) -> tuple[Document | None, Document | None]:
    """The document this one was converted from, and the one it was converted into, when this
    person may open them."""
    source = db.session.scalar(
        scope.narrow(select(Document).where(Document.converted_to_id == document.id), Document)
    )
    target = scope.get(Document, document.converted_to_id) if document.converted_to_id else None
    return source, target


class _Lost(Exception):
    """The source was converted by another request between the check and the claim."""


def copy_document(source: Document, user: User | None, today: date | None = None) -> Document:
    """*Copy*: a new draft of the same kind, dated today, with the source's customer (its
    details as they are now), lines, discount, notes, terms, currency and language."""
    today = today or date.today()
    copy = _copy(source, user, source.kind, today, default_due_date(source.kind, today))
    customer = source.customer
    copy.client_company, copy.client_vat = customer.company, customer.vat_number
    defaults = customer_defaults(customer)
    for side, values in (("billing_", defaults["billing"]), ("shipping_", defaults["shipping"])):
        for part, value in values.items():
            setattr(copy, side + part, value or None)
    copy.include_shipping = defaults["include_shipping"]
    copy.body = source.body
    db.session.flush()
    log_activity(customer, user, "document.copied", subject=source.number or "")
    return copy


def record_payment(
    invoice: Document,
    amount: Decimal | None,
    paid_on: date | None,
    mode: str,
    note: str | None,
    user: User | None,
) -> Payment:
    """Record money received; an overpayment is refused; the status follows. Payments on one
    invoice are recorded one after the other (lock_invoice), so six at once cannot pay more
    than the amount due. The date is checked like a document's, and not before the invoice's
    issue date."""
    errors = Collector()
    amount = lock_then_check_amount(
        invoice, lambda i: i.kind in OWED_KINDS and i.status not in {"draft", "cancelled", "paid"},
        _("This invoice does not expect a payment."), amount, errors,
        lambda due: _("This is more than the amount due (%(due)s).", due=due),
    )  # fmt: skip
    if paid_on is None:
        errors.add("paid_on", _("Enter the date."))
    elif errors.day("paid_on", paid_on) and invoice.issue_date and paid_on < invoice.issue_date:
        errors.add("paid_on", _("This date is before the invoice's issue date."))
    if mode not in PAYMENT_MODES:
        errors.add("mode", _("Choose a payment mode from the list."))
    errors.raise_if_any()
    payment = Payment(document=invoice, amount=amount, paid_on=paid_on, mode=mode,
                      note=(note or "").strip()[:500] or None,
                      created_by_id=user.id if user else None)  # fmt: skip
    db.session.add(payment)
    db.session.flush()
    refresh_paid(invoice)
    db.session.flush()
    return payment
