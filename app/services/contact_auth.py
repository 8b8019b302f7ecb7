"""Contacts in the portal: sign-in, password links, their own profile."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.security import check_password_hash

from app.extensions import db
from app.models import Contact, PasswordToken
from app.models.types import utcnow
from app.services import Collector, ValidationError
from app.services.attempts import account_key, forget_attempts, reserve_attempt
from app.services.customers.activity import log_activity
from app.services.customers.contacts import email_password_link, set_contact_password
from app.services.customers.normalize import normalize_phone
from app.services.security_log import record, record_at_once
from app.services.staff import spend_hash_time
from app.services.tokens import find_token, set_password_by_link

NAME_MAX = 100  # first and last names, as stored


def find_contact(email: str) -> Contact | None:
    """The contact with this address, compared case-insensitively."""
    return db.session.scalar(select(Contact).where(Contact.email == (email or "").strip().lower()))


def authenticate_contact(email: str, password: str) -> Contact | None:
    """The active contact (of an active customer) these credentials open, else None; raise
    TooManyAttempts once the account's attempts are used up, even for the right password."""
    key = account_key("contact", email)
    reserve_attempt(key)
    contact = find_contact(email)
    if contact is None or not contact.password_hash:
        spend_hash_time(password)
        return None
    if not check_password_hash(contact.password_hash, password or "") or not contact.is_active:
        record_at_once(contact, "sign_in_failed")
        return None
    forget_attempts(key)
    contact.last_login_at = utcnow()
    return contact


def request_contact_reset(email: str, page_language: str | None = None) -> None:
    """Email a one-hour, single-use link to choose a new portal password, if the contact may (in
    the customer's language, whatever the page's)."""
    contact = find_contact(email)
    if contact is None or not contact.is_active:
        return
    email_password_link(contact, current_app.config["RESET_TOKEN_MAX_AGE"])


def valid_contact_token(raw: str) -> PasswordToken | None:
    """The unused, unexpired token of an active contact behind this link, else None."""
    return find_token(raw, Contact)


def choose_password(raw: str, password: str) -> Contact:
    """Set the contact's portal password through a link; that link and older ones stop working."""
    contact = set_password_by_link(raw, password, Contact, set_contact_password)
    record(contact, "password_reset")
    return contact


def update_own_profile(contact: Contact, data: dict) -> None:
    """A contact edits its own name and phone; raise FormErrors."""
    errors = Collector()
    first = errors.text("first_name", data.get("first_name"), NAME_MAX, _("Enter the first name."))
    last = errors.text("last_name", data.get("last_name"), NAME_MAX, _("Enter the last name."))
    phone = errors.check(
        normalize_phone, data.get("phone"), contact.customer.country, field="phone"
    )
    errors.raise_if_any()
    changes = {}
    for name, value in (("first_name", first), ("last_name", last), ("phone", phone)):
        if getattr(contact, name) != value:
            changes[name] = [getattr(contact, name), value]
            setattr(contact, name, value)
    if changes:
        db.session.flush()
        log_activity(
            contact.customer,
            None,
            "contact.profile_updated",
            changes=changes,
            subject=contact.full_name,
        )


def change_own_password(contact: Contact, current: str, new: str) -> None:
    """Change the portal password; the current one is required (its attempts count with the
    sign-in's). Other sessions end."""
    key = account_key("contact", contact.email)
    reserve_attempt(key, "current_password")
    if not contact.password_hash or not check_password_hash(contact.password_hash, current or ""):
        raise ValidationError(_("The current password is not correct."), "current_password")
    forget_attempts(key)
    set_contact_password(contact, new)
    record(contact, "password_changed")
    db.session.flush()
