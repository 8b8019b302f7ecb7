"""Portal passwords of contacts: choosing one through an emailed single-use link."""

from flask_babel import gettext as _
from sqlalchemy import select, update

from app.extensions import db
from app.models import Contact, PasswordToken, hash_token
from app.models.types import utcnow
from app.services import ValidationError
from app.services.customers.contacts import set_contact_password


def valid_contact_token(raw: str) -> PasswordToken | None:
    """The unused, unexpired token of an active contact behind this link, else None."""
    token = db.session.scalar(
        select(PasswordToken).where(PasswordToken.token_hash == hash_token(raw or ""))
    )
    if token is None or token.contact_id is None or token.used_at is not None:
        return None
    if token.expires_at <= utcnow() or not token.contact.is_active:
        return None
    return token


def choose_password(raw: str, password: str) -> Contact:
    """Set the contact's portal password through a link; that link and older ones stop working."""
    token = valid_contact_token(raw)
    if token is None:
        raise ValidationError(_("This link is invalid or has expired."))
    now = utcnow()
    claimed = db.session.execute(
        update(PasswordToken)
        .where(PasswordToken.id == token.id, PasswordToken.used_at.is_(None))
        .values(used_at=now)
    ).rowcount
    if claimed != 1:
        raise ValidationError(_("This link is invalid or has expired."))
    contact = token.contact
    set_contact_password(contact, password)
    db.session.execute(
        update(PasswordToken)
        .where(PasswordToken.contact_id == contact.id, PasswordToken.used_at.is_(None))
        .values(used_at=now)
    )
    db.session.flush()
    return contact
