"""The log of personal data requests (Settings → Personal data requests): every export and
erasure writes one row; a contact's portal request to be erased waits there for an
administrator's decision (erase, or refuse with a reason emailed to the contact)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.links import external_url
from app.models import Contact, PrivacyRequest, User
from app.models.types import utcnow
from app.services import Collector, ValidationError
from app.services.languages import contact_email, staff_email
from app.services.locks import savepoint
from app.services.mail.files import queue_templated
from app.services.mail.staff import active_admins

REASON_MAX = 2000


def _asker(person) -> dict:
    if isinstance(person, Contact):
        return {"asked_by_contact_id": person.id}
    return {"asked_by_id": person.id if person is not None else None}


def record_export(contact: Contact, person, files: list[str]) -> PrivacyRequest:
    """One done export of `contact`'s data, asked by `person` (staff or the contact), in its
    own commit (as stored PDFs are kept): the ZIP is being sent, the log says so."""
    row = PrivacyRequest(
        kind="export", status="done", customer_id=contact.customer_id, contact_id=contact.id,
        decided_by_id=person.id if isinstance(person, User) else None, decided_at=utcnow(),
        kept={"files": files}, **_asker(person),
    )  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def open_request(contact: Contact) -> PrivacyRequest | None:
    """The contact's erasure request waiting for a decision, if any."""
    query = select(PrivacyRequest).where(
        PrivacyRequest.contact_id == contact.id, PrivacyRequest.kind == "erase",
        PrivacyRequest.status == "requested",
    )  # fmt: skip
    return db.session.scalar(query)


def ask_erasure(contact: Contact) -> PrivacyRequest:
    """The contact asks to be erased: one open request (a second click finds the first), and
    each active administrator is emailed, in their language, with a link to decide (the email
    names nobody: it would outlive an erasure)."""
    existing = open_request(contact)
    if existing is not None:
        return existing
    row = PrivacyRequest(kind="erase", status="requested", customer_id=contact.customer_id,
                         contact_id=contact.id, asked_by_contact_id=contact.id)  # fmt: skip
    try:
        with savepoint():
            db.session.add(row)
    except IntegrityError:  # the same request, sent at the same moment, won
        return open_request(contact)
    for admin in active_admins():
        queue_templated(admin.email, _l("A contact asks for their personal data to be erased"),
                        "privacy_erase_requested", staff_email(admin), name=admin.name,
                        url=external_url("admin.privacy_request_list"))  # fmt: skip
    return row


def _decided(row: PrivacyRequest, status: str, user: User, reason: str | None = None) -> None:
    """Mark an open request decided, once: a request decided meanwhile is refused."""
    changed = db.session.execute(
        update(PrivacyRequest)
        .where(PrivacyRequest.id == row.id, PrivacyRequest.status == "requested")
        .values(status=status, decided_by_id=user.id, decided_at=utcnow(), reason=reason)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise ValidationError(_("This request was decided already."))
    db.session.refresh(row)


def refuse_erasure(row: PrivacyRequest, reason: str | None, user: User) -> PrivacyRequest:
    """Refuse with a reason, which is emailed to the contact in their customer's language."""
    errors = Collector()
    clean = errors.text("reason", reason, REASON_MAX, _("Say why the request is refused."),
                        multiline=True)  # fmt: skip
    errors.raise_if_any()
    _decided(row, "refused", user, clean)
    contact = row.contact
    queue_templated(contact.email, _l("Your request to erase your personal data"),
                    "privacy_erase_refused", contact_email(contact), name=contact.first_name,
                    reason=clean)  # fmt: skip
    return row


def requests_query() -> Select:
    """Every request, newest first, with the people it names loaded in the same query."""
    return select(PrivacyRequest).options(
        joinedload(PrivacyRequest.customer), joinedload(PrivacyRequest.contact),
        joinedload(PrivacyRequest.asked_by), joinedload(PrivacyRequest.asked_by_contact),
        joinedload(PrivacyRequest.decided_by),
    ).order_by(PrivacyRequest.created_at.desc(), PrivacyRequest.id.desc())  # fmt: skip


def erasure_of(customer_id: int, contact_id: int | None) -> PrivacyRequest | None:
    """The erasure done of this contact (or of the whole customer, `contact_id` None)."""
    subject = (PrivacyRequest.contact_id.is_(None) if contact_id is None
               else PrivacyRequest.contact_id == contact_id)  # fmt: skip
    query = select(PrivacyRequest).where(
        PrivacyRequest.customer_id == customer_id, subject,
        PrivacyRequest.kind == "erase", PrivacyRequest.status == "done",
    )  # fmt: skip
    return db.session.scalar(query.limit(1))


def erase_on_request(row: PrivacyRequest, user: User) -> PrivacyRequest:
    """An administrator grants a contact's request: the contact is erased and the request done
    (the erasure finds it); a contact erased meanwhile (with its customer) just closes it."""
    from app.services.privacy.erase import erase_contact

    if row.status != "requested" or row.contact is None:
        raise ValidationError(_("This request was decided already."))
    if erase_contact(row.contact, user) is None:
        _decided(row, "done", user)
    return row
