"""A staff member's own profile (My profile): name, language, time zone, email, password."""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.i18n import shipped_languages, time_zones
from app.links import external_url
from app.models import User
from app.services import Collector, ValidationError
from app.services.attempts import account_key, forget_attempts, reserve_attempt
from app.services.languages import staff_email
from app.services.mail.files import queue_templated
from app.services.security_log import record
from app.services.staff import find_staff, normalize_email
from app.services.tokens import (
    check_password_strength,
    email_change_token,
    read_email_change_token,
)

NAME_MAX = 120  # as stored


def update_own_profile(user: User, data: dict) -> str | None:
    """Save the staff member's name, language and time zone; a new email address is only asked
    for: a link to confirm it goes to that address (returned), the address changes when it is
    opened. Raise FormErrors."""
    errors = Collector()
    name = errors.text("name", data.get("name"), NAME_MAX, _("Enter your name."))
    language = data.get("language") or None
    if language is not None and language not in shipped_languages():
        errors.add("language", _("Choose a language from the list."))
    timezone = data.get("timezone") or None
    if timezone is not None and timezone not in time_zones():
        errors.add("timezone", _("Choose a time zone from the list."))
    email = errors.check(normalize_email, data.get("email"), field="email")
    if email and email != user.email and find_staff(email) is not None:
        errors.add("email", _("A staff member with this email already exists."))
    errors.raise_if_any()
    user.name, user.language, user.timezone = name, language, timezone
    db.session.flush()
    if email == user.email:
        return None
    send_email_change_link(user, email)
    return email


def send_email_change_link(user: User, new_email: str) -> None:
    """Email `new_email` the link that makes it this staff member's address."""
    max_age = current_app.config["EMAIL_CHANGE_MAX_AGE"]
    link = external_url("auth.confirm_email", token=email_change_token(user, new_email))
    queue_templated(
        new_email,
        _l("Confirm your new email address"),
        "confirm_email",
        staff_email(user),
        name=user.name,
        link=link,
        hours=max_age // 3600,
    )


def pending_email_change(raw: str) -> tuple[User, str] | None:
    """The staff member and new address behind a confirmation link still valid, else None."""
    return read_email_change_token(raw)


def confirm_email_change(raw: str) -> User:
    """Move the staff member to the new address of the link; the old one is told."""
    found = read_email_change_token(raw)
    if found is None:
        raise ValidationError(_("This link is invalid or has expired."))
    user, new_email = found
    other = find_staff(new_email)
    if other is not None and other.id != user.id:
        raise ValidationError(_("A staff member with this email already exists."))
    old_email = user.email
    user.email = new_email
    record(user, "email_changed", old=old_email, new=new_email)
    db.session.flush()
    queue_templated(
        old_email,
        _l("Your email address was changed"),
        "email_changed",
        staff_email(user),
        name=user.name,
        email=new_email,
    )
    return user


def change_own_password(user: User, current: str, new: str) -> None:
    """Change the staff member's password; the current one is required (its attempts count with
    the sign-in's). Other sessions end."""
    key = account_key("staff", user.email)
    reserve_attempt(key, "current_password")
    if not user.check_password(current or ""):
        raise ValidationError(_("The current password is not correct."), "current_password")
    forget_attempts(key)
    check_password_strength(new, user.email, user.name)
    user.set_password(new)
    record(user, "password_changed")
    db.session.flush()
