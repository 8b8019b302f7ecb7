"""Single-use, expiring tokens behind emailed password links, for staff and for contacts.

An email change, a password change or a deactivation retires every unused link of that person
(reset, set-password, invitation; the email-change confirmation names the address and the
password it was asked under): `retire_links` runs on every flush that changes one of them."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import event, inspect, select, update

from app.extensions import db
from app.models import Contact, Customer, PasswordToken, User, hash_token
from app.models.types import utcnow
from app.services import ValidationError
from app.services.passwords import MIN_PASSWORD_LENGTH, check_password_strength

__all__ = ["MIN_PASSWORD_LENGTH", "check_password_strength"]  # their home: services/passwords


def issue_token(owner: User | Contact, max_age: int) -> str:
    """Store a new token for `owner` (only its digest) and return the raw value for the link."""
    raw = secrets.token_urlsafe(32)
    token = PasswordToken(
        token_hash=hash_token(raw), expires_at=utcnow() + timedelta(seconds=max_age)
    )
    if isinstance(owner, User):
        token.user = owner
    else:
        token.contact = owner
    db.session.add(token)
    db.session.flush()
    return raw


def find_token(raw: str, owner_kind: type[User] | type[Contact]) -> PasswordToken | None:
    """The unused, unexpired token of an active staff member or contact, else None."""
    token = db.session.scalar(
        select(PasswordToken).where(PasswordToken.token_hash == hash_token(raw or ""))
    )
    if token is None or token.used_at is not None or token.expires_at <= utcnow():
        return None
    owner = token.user if owner_kind is User else token.contact
    if owner is None or not owner.is_active:
        return None
    return token


def consume_token(raw: str, owner_kind: type[User] | type[Contact]) -> User | Contact:
    """Use a token once: claim it atomically, retire its owner's other tokens, return the owner."""
    token = find_token(raw, owner_kind)
    invalid = ValidationError(_("This link is invalid or has expired."))
    if token is None:
        raise invalid
    now = utcnow()
    # Two simultaneous submissions of one link: only one UPDATE finds it unused.
    claimed = db.session.execute(
        update(PasswordToken)
        .where(PasswordToken.id == token.id, PasswordToken.used_at.is_(None))
        .values(used_at=now)
    ).rowcount
    if claimed != 1:
        raise invalid
    owner = token.user if owner_kind is User else token.contact
    column = PasswordToken.user_id if owner_kind is User else PasswordToken.contact_id
    db.session.execute(
        update(PasswordToken)
        .where(column == owner.id, PasswordToken.used_at.is_(None))
        .values(used_at=now)
    )
    return owner


def set_password_by_link(raw: str, password: str, owner_kind, set_password) -> User | Contact:
    """Set a new password through an emailed link (`set_password(owner, password)`); that link
    and all older ones stop working."""
    token = find_token(raw, owner_kind)
    if token is None:
        raise ValidationError(_("This link is invalid or has expired."))
    owner = token.user if owner_kind is User else token.contact
    name = owner.name if isinstance(owner, User) else owner.full_name
    check_password_strength(password, owner.email, name)
    owner = consume_token(raw, owner_kind)
    set_password(owner, password)
    db.session.flush()
    return owner


def _retire(session, owner_column, owners) -> None:
    """Mark the unused tokens of `owners` (ids, or a select of ids) used now."""
    session.execute(
        update(PasswordToken)
        .where(owner_column.in_(owners), PasswordToken.used_at.is_(None))
        .values(used_at=utcnow()),
        execution_options={"synchronize_session": False},
    )


def retire_links(person: User | Contact) -> None:
    """Every unused emailed link of `person` stops working at once."""
    column = PasswordToken.user_id if isinstance(person, User) else PasswordToken.contact_id
    _retire(db.session, column, [person.id])


def _changed(obj, *names: str) -> bool:
    state = inspect(obj)
    return state.persistent and any(state.attrs[n].history.has_changes() for n in names)


@event.listens_for(db.session, "before_flush")
def _retire_links_on_change(session, _context, _instances) -> None:
    """A flush that changes a person's email, password or active flag (or a customer's active
    flag, for its contacts) retires their unused links, whichever code changed it."""
    for obj in list(session.dirty):
        if isinstance(obj, User) and _changed(obj, "email", "password_hash", "active"):
            _retire(session, PasswordToken.user_id, [obj.id])
        elif isinstance(obj, Contact) and _changed(obj, "email", "password_hash", "active"):
            _retire(session, PasswordToken.contact_id, [obj.id])
        elif isinstance(obj, Customer) and _changed(obj, "active"):
            contacts = select(Contact.id).where(Contact.customer_id == obj.id)
            _retire(session, PasswordToken.contact_id, contacts)


def _password_fingerprint(user: User) -> str:
    """A short digest of the password hash: a password change retires the link that names it."""
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def _email_change_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="email-change")


def email_change_token(user: User, new_email: str) -> str:
    """A signed link value that moves `user` from their current address to `new_email`. It names
    the current address and password too, so it works once: after the change (or another one, or
    a password change) it no longer matches. Nothing is stored."""
    return _email_change_serializer().dumps(
        [user.id, user.email, new_email, _password_fingerprint(user)]
    )


def read_email_change_token(raw: str) -> tuple[User, str] | None:
    """The active staff member and the new address behind an unexpired, unused link, else None."""
    try:
        user_id, old, new, password = _email_change_serializer().loads(
            raw or "", max_age=current_app.config["EMAIL_CHANGE_MAX_AGE"]
        )
    except (BadSignature, TypeError, ValueError):  # also expired (SignatureExpired)
        return None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.is_active or user.email != old or not isinstance(new, str):
        return None
    if password != _password_fingerprint(user):
        return None
    return user, new
