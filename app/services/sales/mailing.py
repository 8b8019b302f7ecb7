"""Sending a document to the customer's contacts, and telling staff of an estimate's answer."""

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from app.extensions import db
from app.i18n import money
from app.labels.statuses import document_status_label
from app.links import external_url
from app.models import Contact, Document, OutboxAttachment, User
from app.services import ValidationError
from app.services.customers.activity import log_activity
from app.services.customers.email_preferences import receiving
from app.services.languages import receipt_language, sending_email_language
from app.services.mail.contacts import queue_contact_email
from app.services.mail.staff import email_staff, owner_else_admins
from app.services.sales.actions import can_send, issue, recipients
from app.services.sales.pdf import document_pdf, pdf_filename


def send_document(
    document: Document, contacts: list[Contact] | None, user: User | None = None
) -> int:
    """Email the document, its PDF attached, to the chosen contacts (in the document's language);
    only contacts who may open it in the portal receive it. `None` sends it to the customer's
    contacts who have not opted out of invoice emails; contacts chosen by hand receive it
    anyway. Returns how many were emailed."""
    if not can_send(document):
        raise ValidationError(_("This document can no longer be sent."))
    if contacts is None:
        contacts = receiving(recipients(document), "invoices")
    allowed = {c.id for c in recipients(document)}
    contacts = [c for c in contacts if c.id in allowed]
    if not contacts:
        return 0
    issue(document)  # the PDF the customer receives is the sent one, not a draft
    # The PDF the portal shows, kept with the send: the job that follows it renders nothing.
    pdf = document_pdf(document, from_portal=True, with_change=True)
    sent = 0
    language = sending_email_language(document)
    with force_locale(language):
        amount = money(document.total, document.currency_code)
        due = format_date(document.due_date, "medium") if document.due_date else ""
    key, values = _send_template(document, amount, due)
    for contact in contacts:
        message = queue_contact_email(contact, key, language=language, **values)
        if message is not None:
            db.session.add(
                OutboxAttachment(
                    message_id=message.id,
                    filename=pdf_filename(document),
                    content_type="application/pdf",
                    content=pdf,
                )
            )
            sent += 1
    if sent:
        log_activity(document.customer, user, "document.sent", subject=document.number)
    return sent


def _send_template(document: Document, amount: str, due: str) -> tuple[str, dict]:
    """The email template for sending this kind of document, and its merge values."""
    kind = document.kind
    url = external_url(f"portal.{kind}_detail", document_id=document.id)
    if kind == "credit":
        credited = db.session.get(Document, document.credited_invoice_id or 0)
        return "credit_note", {"credit_note_number": document.number, "credit_note_total": amount,
                               "invoice_number": credited.number if credited else "",
                               "credit_note_url": url}  # fmt: skip
    if kind == "invoice":
        values = {"invoice_total": amount, "invoice_due_date": due}
    else:
        values = {f"{kind}_total": amount, f"{kind}_expiry_date": due}
    return f"{kind}_send", values | {f"{kind}_number": document.number, f"{kind}_url": url}


def send_receipt(invoice: Document, amount) -> bool:
    """The 'payment received' email to the invoice's primary contact, in the invoice's language,
    when that contact may open invoices in the portal and has not opted out of invoice emails
    (False: nobody was emailed)."""
    contact = next((c for c in invoice.customer.contacts
                    if c.is_primary and c.is_active and c.may_use("invoices")), None)  # fmt: skip
    if contact is None or not contact.receives("invoices"):
        return False
    language = receipt_language(invoice)
    with force_locale(language):
        paid = money(amount, invoice.currency_code)
    return (
        queue_contact_email(
            contact,
            "payment_received",
            language=language,
            invoice_number=invoice.number,
            payment_amount=paid,
            invoice_url=external_url("portal.invoice_detail", document_id=invoice.id),
        )
        is not None
    )


def tell_staff_of_answer(estimate: Document) -> None:
    """The estimate's or proposal's creator (else the administrators) learns of the answer."""
    creator = db.session.get(User, estimate.created_by_id) if estimate.created_by_id else None
    kind = estimate.kind
    url = external_url(f"admin.{kind}_detail", document_id=estimate.id)
    email_staff(owner_else_admins(creator), f"{kind}_answered_staff", lambda user: {
        "client_company": estimate.client_company, f"{kind}_number": estimate.number,
        f"{kind}_status": str(document_status_label(estimate.status, kind)),
        f"{kind}_admin_url": url,
    }, estimate.customer_id)  # fmt: skip
