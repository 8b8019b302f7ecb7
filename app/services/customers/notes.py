"""Staff notes on a customer (or about one of its contacts): formatted text, pinned first, each
edit keeping the text it replaced. Notes are staff-only: the portal never shows them."""

from flask_babel import gettext as _
from sqlalchemy import Select, select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Contact, Customer, CustomerNote, NoteVersion, User
from app.models.types import utcnow
from app.services import Collector, FormErrors
from app.services.mail.render import rich_text
from app.services.scope import Scope

NOTE_MAX = 20_000  # characters of HTML, checked before the sanitiser spends time on it


def _body(errors: Collector, body: str | None) -> str:
    return rich_text(errors, "body", body, NOTE_MAX, _("Write the note."))


def _contact(errors: Collector, customer: Customer, contact_id: int | None) -> int | None:
    if contact_id is None:
        return None
    query = select(Contact.id).where(Contact.id == contact_id, Contact.customer_id == customer.id)
    found = db.session.scalar(query)
    if found is None:
        errors.add("contact_id", _("Choose one of this customer's contacts."))
    return found


def add_note(
    customer: Customer, body: str | None, contact_id: int | None, pinned: bool, user: User
) -> CustomerNote:
    errors = Collector()
    clean, contact = _body(errors, body), _contact(errors, customer, contact_id)
    errors.raise_if_any()
    note = CustomerNote(customer_id=customer.id, contact_id=contact, body=clean,
                        pinned=bool(pinned), author_id=user.id)  # fmt: skip
    db.session.add(note)
    db.session.flush()
    return note


def edit_note(
    note: CustomerNote, body: str | None, contact_id: int | None, version: int | None, user: User
) -> CustomerNote:
    """Save a new text over `version`, keeping the old text; refused beside the text when
    someone saved the note after `version` was opened (nothing of theirs is overwritten)."""
    errors = Collector()
    clean = _body(errors, body)
    contact = _contact(errors, note.customer, contact_id)
    errors.raise_if_any()
    if clean == note.body and contact == note.contact_id and version == note.version:
        return note
    changed = db.session.execute(
        update(CustomerNote)
        .where(CustomerNote.id == note.id, CustomerNote.version == version)
        .values(body=clean, contact_id=contact, version=CustomerNote.version + 1,
                edited_by_id=user.id, edited_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    if changed != 1:
        message = _(
            "Someone saved this note after you opened it. Copy your text, reload the "
            "page and edit the note again."
        )
        raise FormErrors({"body": [message]})
    written_by, written_at = note.edited_by_id or note.author_id, note.edited_at or note.created_at
    db.session.add(NoteVersion(note_id=note.id, version=version, body=note.body,
                               written_by_id=written_by, written_at=written_at))  # fmt: skip
    db.session.flush()
    db.session.refresh(note)
    return note


def set_pinned(note: CustomerNote, pinned: bool) -> CustomerNote:
    note.pinned = pinned
    db.session.flush()
    return note


def delete_note(note: CustomerNote) -> None:
    db.session.delete(note)
    db.session.flush()


def _listed(query: Select) -> Select:
    """Notes with their author, last editor and contact loaded in the same query."""
    return query.options(joinedload(CustomerNote.author), joinedload(CustomerNote.edited_by),
                         joinedload(CustomerNote.contact))  # fmt: skip


def customer_notes(customer_id: int, scope: Scope) -> Select:
    """A customer's notes as its Notes tab lists them: pinned first, then the newest."""
    query = _listed(select(CustomerNote).where(CustomerNote.customer_id == customer_id))
    return scope.narrow(query, CustomerNote).order_by(
        CustomerNote.pinned.desc(), CustomerNote.created_at.desc(), CustomerNote.id.desc()
    )


def contact_notes(contact: Contact, scope: Scope) -> list[CustomerNote]:
    """The notes about one contact, for its page."""
    query = _listed(select(CustomerNote).where(CustomerNote.contact_id == contact.id))
    query = scope.narrow(query, CustomerNote).order_by(
        CustomerNote.pinned.desc(), CustomerNote.created_at.desc(), CustomerNote.id.desc()
    )
    return list(db.session.scalars(query))


def note_versions(note: CustomerNote) -> list[NoteVersion]:
    """The texts a note had before, the latest first."""
    query = select(NoteVersion).where(NoteVersion.note_id == note.id)
    return list(db.session.scalars(query.options(joinedload(NoteVersion.written_by))
                                   .order_by(NoteVersion.version.desc())))  # fmt: skip
