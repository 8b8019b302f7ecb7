"""Password links do not stay readable in the outbox: once a message has left, each link token
it carries (reset, set-password, invitation: a row of password_tokens) is replaced in the stored
bodies. Until then the row keeps it, so a retry sends the same working link."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import PasswordToken, hash_token

# secrets.token_urlsafe(32): 43 URL-safe characters, not part of a longer word.
_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
REMOVED = "link-removed-once-sent"


def without_link_tokens(*bodies: str) -> tuple[str, ...]:
    """`bodies` with every password-link token (one stored, by its digest) replaced by REMOVED."""
    found = {match for body in bodies for match in _TOKEN.findall(body or "")}
    if not found:
        return bodies
    digests = {hash_token(raw): raw for raw in found}
    stored = db.session.scalars(
        select(PasswordToken.token_hash).where(PasswordToken.token_hash.in_(list(digests)))
    )
    secret = {digests[digest] for digest in stored}
    if not secret:
        return bodies
    return tuple(
        _TOKEN.sub(lambda m: REMOVED if m.group(0) in secret else m.group(0), body or "")
        for body in bodies
    )
