"""Portal passwords of contacts: choosing one through an emailed single-use link."""

from flask_babel import gettext as _

from app.extensions import db
from app.models import Contact, PasswordToken
from app.services import ValidationError
from app.services.customers.contacts import set_contact_password
from app.services.staff import check_password_strength
from app.services.tokens import consume_token, find_token


def valid_contact_token(raw: str) -> PasswordToken | None:
    """The unused, unexpired token of an active contact behind this link, else None."""
    return find_token(raw, Contact)


def choose_password(raw: str, password: str) -> Contact:
    """Set the contact's portal password through a link; that link and older ones stop working."""
    if valid_contact_token(raw) is None:
        raise ValidationError(_("This link is invalid or has expired."))
    check_password_strength(password)
    contact = consume_token(raw, Contact)
    set_contact_password(contact, password)
    db.session.flush()
    return contact
