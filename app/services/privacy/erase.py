"""Erasing a contact, or a whole customer and its contacts: their personal data replaced by an
anonymous placeholder ("Erased contact #12", erased-12@invalid) everywhere it appears, their
sign-in removed, while the documents the law keeps (issued invoices and credit notes, accepted
estimates and proposals, signed contracts, payments) stay exactly as they were issued.

One transaction, the contact's (or customer's) row locked first: a second click finds it erased
and does nothing more (no second log line)."""

from flask import abort
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from app.extensions import db
from app.i18n import default_language
from app.models import (
    Contact,
    Contract,
    Customer,
    CustomerFile,
    CustomerNote,
    Document,
    FailedAttempts,
    KbVote,
    NoteVersion,
    PasswordToken,
    PrivacyRequest,
    SecurityEvent,
    SignInSession,
    StoredPdf,
    TwoStep,
    User,
)
from app.models.types import utcnow
from app.models.user import new_session_token
from app.services.attempts import account_key
from app.services.custom_fields.values import delete_record_values
from app.services.customers.activity import log_activity
from app.services.customers.normalize import company_key
from app.services.customers.search import reindex_customer
from app.services.locks import lock_row
from app.services.privacy.imports import forget_in_imports, lock_imports, refuse_while_read
from app.services.privacy.scrub import (
    Scrubber,
    kept_contracts,
    kept_documents,
    scrub_customer_rows,
)

ADDRESS = ("vat_number", "phone", "website", "address", "city", "state", "zip",
           "billing_street", "billing_city", "billing_state", "billing_zip",
           "shipping_street", "shipping_city", "shipping_state", "shipping_zip")  # fmt: skip
# The customer's own words quoted in its records (a town or a postcode alone would take too much).
QUOTED = ("company", "vat_number", "phone", "website", "address", "billing_street",
          "shipping_street")  # fmt: skip
SNAPSHOT = ("client_vat", "billing_street", "billing_city", "billing_state", "billing_zip",
            "shipping_street", "shipping_city", "shipping_state", "shipping_zip")  # fmt: skip


def placeholder_email(contact_id: int) -> str:
    return f"erased-{contact_id}@invalid"


def is_erased(contact: Contact) -> bool:
    return contact.email == placeholder_email(contact.id)


def contact_placeholder(contact_id: int) -> str:
    """The name an erased contact keeps, in the system default language (it is stored)."""
    with force_locale(default_language()):
        return _("Erased contact #%(id)s", id=contact_id)


def customer_placeholder(customer_id: int) -> str:
    with force_locale(default_language()):
        return _("Erased customer #%(id)s", id=customer_id)


def customer_erased(customer: Customer) -> bool:
    query = select(PrivacyRequest.id).where(
        PrivacyRequest.customer_id == customer.id, PrivacyRequest.contact_id.is_(None),
        PrivacyRequest.kind == "erase", PrivacyRequest.status == "done",
    )  # fmt: skip
    return db.session.scalar(query.limit(1)) is not None


def _needles(contact: Contact) -> dict[str, str]:
    name = contact_placeholder(contact.id)
    return {
        contact.email: placeholder_email(contact.id),
        contact.full_name: name,
        f"{contact.last_name} {contact.first_name}": name,
        contact.phone or "": name,
    }


def kept_records(customer_id: int) -> dict:
    """What the erasure leaves as it is, for the log: the documents' numbers, the contracts'
    ids."""
    documents = db.session.execute(
        select(Document.kind, Document.number).where(kept_documents(customer_id))
        .order_by(Document.id)
    ).all()  # fmt: skip
    contracts = db.session.scalars(select(Contract.id).where(kept_contracts(customer_id)))
    return {"documents": [f"{number or kind}" for kind, number in documents],
            "contracts": list(contracts)}  # fmt: skip


def _remove_contact(contact: Contact) -> None:
    """The contact's own rows: sign-in, history, secrets, notes about them, their fields."""
    for entity in (SignInSession, SecurityEvent, PasswordToken, TwoStep):
        db.session.execute(delete(entity).where(entity.contact_id == contact.id))
    about = select(CustomerNote.id).where(CustomerNote.contact_id == contact.id)
    db.session.execute(delete(NoteVersion).where(NoteVersion.note_id.in_(about)))
    db.session.execute(delete(CustomerNote).where(CustomerNote.contact_id == contact.id))
    db.session.execute(update(KbVote).where(KbVote.contact_id == contact.id).values(comment=None))
    delete_record_values("contact", [contact.id])
    key = account_key("contact", contact.email)  # failed sign-ins counted under the address
    db.session.execute(delete(FailedAttempts).where(FailedAttempts.key == key))
    name = contact_placeholder(contact.id)
    contact.first_name, contact.last_name = name, ""
    contact.email = placeholder_email(contact.id)
    contact.phone = contact.position = contact.password_hash = contact.last_login_at = None
    contact.session_token = new_session_token()  # every browser signed in is signed out
    contact.active = False
    for topic in ("invoices", "statements", "support", "projects"):
        setattr(contact, f"email_{topic}", False)


def _log(customer: Customer, contact: Contact | None, user: User, kept: dict) -> PrivacyRequest:
    """The request this erasure answers (a contact's open one), else a new line; done."""
    row = None
    if contact is not None:
        row = db.session.scalar(select(PrivacyRequest).where(
            PrivacyRequest.contact_id == contact.id, PrivacyRequest.kind == "erase",
            PrivacyRequest.status == "requested"))  # fmt: skip
    if row is None:
        row = PrivacyRequest(kind="erase", customer_id=customer.id, asked_by_id=user.id,
                             contact_id=contact.id if contact else None)  # fmt: skip
        db.session.add(row)
    row.status, row.decided_by_id, row.decided_at, row.kept = "done", user.id, utcnow(), kept
    db.session.flush()
    return row


def erase_contact(contact: Contact, user: User) -> PrivacyRequest | None:
    """Erase one contact; None when it was erased already (a second click)."""
    contact_id = contact.id
    lock_imports(contact.customer_id, [contact_id], whole=False)
    if db.session.get(Contact, contact_id) is None:  # an import's Undo deleted it meanwhile
        abort(404)
    lock_row(contact, "created_at")
    if is_erased(contact):
        return None
    customer = contact.customer
    scrubber = Scrubber(_needles(contact))
    refuse_while_read(scrubber)
    scrub_customer_rows(scrubber, customer.id, [contact.id])
    forget_in_imports(scrubber, customer.id, [contact.id], whole=False)
    _remove_contact(contact)
    reindex_customer(customer)
    log_activity(customer, user, "contact.erased", subject=contact.full_name)
    return _log(customer, contact, user, kept_records(customer.id))


def erase_customer(customer: Customer, user: User) -> PrivacyRequest | None:
    """Erase the customer's own personal data and every contact's; None if done already."""
    customer_id = customer.id
    lock_imports(customer_id, list(db.session.scalars(
        select(Contact.id).where(Contact.customer_id == customer_id))), whole=True)  # fmt: skip
    if db.session.get(Customer, customer_id) is None:  # an import's Undo deleted it meanwhile
        abort(404)
    lock_row(customer, "created_at")
    if customer_erased(customer):
        return None
    contacts = list(db.session.scalars(select(Contact).where(Contact.customer_id == customer.id)))
    name = customer_placeholder(customer.id)
    needles = {getattr(customer, field) or "": name for field in QUOTED}
    for contact in contacts:
        if not is_erased(contact):
            needles |= _needles(contact)
    scrubber = Scrubber(needles)
    refuse_while_read(scrubber)
    scrub_customer_rows(scrubber, customer.id, [c.id for c in contacts])
    forget_in_imports(scrubber, customer.id, [c.id for c in contacts], whole=True)
    for contact in contacts:
        if not is_erased(contact):
            _remove_contact(contact)
    kept = select(Document.id).where(kept_documents(customer.id))
    others = (Document.customer_id == customer.id) & Document.id.not_in(kept)
    db.session.execute(update(Document).where(others).values(
        client_company=name, **dict.fromkeys(SNAPSHOT)))  # fmt: skip
    db.session.execute(delete(StoredPdf).where(StoredPdf.document_id.in_(
        select(Document.id).where(others))))  # fmt: skip
    notes = select(CustomerNote.id).where(CustomerNote.customer_id == customer.id)
    db.session.execute(delete(NoteVersion).where(NoteVersion.note_id.in_(notes)))
    db.session.execute(delete(CustomerNote).where(CustomerNote.customer_id == customer.id))
    db.session.execute(delete(CustomerFile).where(CustomerFile.customer_id == customer.id))
    delete_record_values("customer", [customer.id])
    db.session.expire(customer)
    customer.company, customer.company_key = name, company_key(name)
    for field in ADDRESS:
        setattr(customer, field, None)
    customer.active, customer.payment_reminders = False, False
    customer.version += 1  # a profile form opened before cannot save the old details back
    reindex_customer(customer)
    log_activity(customer, user, "customer.erased", subject=name)
    return _log(customer, None, user, kept_records(customer.id))
