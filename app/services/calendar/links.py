"""The secret link of a staff member's calendar feed (`/calendar/<token>.ics`, no sign-in).

The token is derived from SECRET_KEY and a random value kept on the user (so My tasks can show
the link again), and found by its SHA-256 digest: the table alone opens no feed. Regenerate
stores a new random value: the old link then answers 404."""

import base64
import hashlib
import hmac
import secrets

from flask import current_app
from sqlalchemy import select, update

from app.extensions import db
from app.models import User, hash_token


def _derive(user_id: int, nonce: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    mac = hmac.new(key, f"calendar:{user_id}:{nonce}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def calendar_token(user: User) -> str | None:
    """The token of the person's current link, or None when they have none (or SECRET_KEY
    changed since: they make a new one)."""
    if not user.calendar_nonce or not user.calendar_token_hash:
        return None
    token = _derive(user.id, user.calendar_nonce)
    return token if hmac.compare_digest(hash_token(token), user.calendar_token_hash) else None


def regenerate_link(user: User, shown_nonce: str | None) -> None:
    """A new link in place of the one the page showed (`shown_nonce`, None: no link yet). A
    second click on the same page (or a parallel request) finds the link changed already and
    keeps the new one, so the page shows the link that works."""
    nonce = secrets.token_hex(16)
    shown = User.calendar_nonce.is_(None) if not shown_nonce else User.calendar_nonce == shown_nonce
    db.session.execute(
        update(User).where(User.id == user.id, shown)
        .values(calendar_nonce=nonce, calendar_token_hash=hash_token(_derive(user.id, nonce)))
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    db.session.refresh(user)


def feed_owner(token: str) -> User | None:
    """The active staff member whose current link carries `token`, else None."""
    found = db.session.scalar(
        select(User).where(User.calendar_token_hash == hash_token(token or ""), User.active)
    )
    return found if found is not None and calendar_token(found) == token else None
