"""Staff accounts: creation, sign-in checks, password resets by emailed link."""

import secrets
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from app.collation import collated
from app.extensions import db
from app.links import external_url, with_language
from app.models import PasswordToken, User
from app.models.types import utcnow
from app.process_cache import remembered
from app.services import ValidationError
from app.services.attempts import account_key, forget_attempts, reserve_attempt
from app.services.branding import company_name
from app.services.languages import staff_email
from app.services.mail.files import queue_templated
from app.services.security_log import record, record_at_once
from app.services.tokens import (
    check_password_strength,
    find_token,
    issue_token,
    set_password_by_link,
)

_DUMMY_HASH: dict[str, str] = {}


def normalize_email(raw: str) -> str:
    """Validate the syntax of an address and return it lower-cased (no DNS look-up)."""
    normalized = _normalized_email((raw or "").strip())
    if normalized is None:
        raise ValidationError(_("Enter a valid email address."), "email")
    return normalized


@lru_cache(maxsize=4096)
def _normalized_email(address: str) -> str | None:
    """The address lower-cased, or None when its syntax is wrong; remembered, as an import
    checks each row's address twice (its row, then the contact form's rules)."""
    try:
        return validate_email(address, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def find_staff(email: str) -> User | None:
    """The staff member with this address, compared case-insensitively."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def all_staff() -> list[User]:
    """Every staff member, active or not, by name in the reader's language (Settings → Staff)."""
    return collated(db.session.scalars(select(User)), lambda u: u.name)


# A list's staff filter: the columns it shows, as rows (no User object per member).
_STAFF_CHOICES = select(User.id, User.name, User.active)


def staff_choices() -> list:
    """Every staff member's id, name and whether active (a list's filter), by name in the
    reader's language: no role or other column read."""
    rows = remembered("staff_choices", lambda: db.session.execute(_STAFF_CHOICES).all())
    return collated(rows, lambda u: u.name)


def active_staff() -> list[User]:
    """Staff who can be given work (assignees, departments), by name in the reader's language."""
    return collated(db.session.scalars(select(User).where(User.active)), lambda u: u.name)


def create_staff(
    email: str,
    password: str,
    name: str = "",
    admin: bool = False,
    language: str | None = None,
    role=None,
) -> User:
    """Add a staff member with `role` (a Role), else the Administrator role with `admin`, else
    Team member; the email must be new."""
    from app.roles import ADMINISTRATOR, TEAM_MEMBER
    from app.services.roles import built_in_role

    address = normalize_email(email)
    if find_staff(address):
        raise ValidationError(_("A staff member with this email already exists."), "email")
    check_password_strength(password, address, name)
    user = User(
        email=address,
        name=name or address.split("@")[0],
        language=language,
        role=role or built_in_role(ADMINISTRATOR if admin else TEAM_MEMBER),
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def spend_hash_time(password: str) -> None:
    """Check `password` against a throw-away hash: a sign-in for an unknown account then takes
    as long as one for a real account, so response times reveal no account."""
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _DUMMY_HASH:
        _DUMMY_HASH[method] = generate_password_hash(secrets.token_hex(8), method=method)
    check_password_hash(_DUMMY_HASH[method], password or "")


def authenticate(email: str, password: str) -> User | None:
    """The active staff member these credentials open, else None (same cost either way); raise
    TooManyAttempts once the account's attempts are used up, even for the right password."""
    key = account_key("staff", email)
    reserve_attempt(key)
    user = find_staff(email or "")
    if user is None or not user.password_hash:
        spend_hash_time(password)
        return None
    if not user.check_password(password or "") or not user.active:
        record_at_once(user, "sign_in_failed")
        return None
    forget_attempts(key)
    user.last_login_at = utcnow()
    return user


def request_password_reset(email: str, page_language: str | None = None) -> None:
    """Email a one-hour, single-use reset link if an active account has this address (in the
    member's language, else the language of the page it was asked from)."""
    user = find_staff(email or "")
    if user is None or not user.active:
        return
    max_age = current_app.config["RESET_TOKEN_MAX_AGE"]
    raw = issue_token(user, max_age)
    language = staff_email(user, asked_in=page_language)
    link = external_url("auth.reset_password", token=raw)
    if user.language or page_language:  # the pages it opens speak the email's language
        link = with_language(link, language)
    queue_templated(
        user.email,
        _l("Reset your password at %(company)s", company=company_name()),
        "reset_password",
        language,
        name=user.name,
        link=link,
        minutes=max_age // 60,
    )


def valid_reset_token(raw: str) -> PasswordToken | None:
    """The unused, unexpired staff token behind this link, else None."""
    return find_token(raw, User)


def reset_password(raw: str, password: str) -> User:
    """Set a new password through a reset link; the link and all older ones stop working."""
    user = set_password_by_link(raw, password, User, User.set_password)
    record(user, "password_reset")
    return user
