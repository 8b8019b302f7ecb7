"""Password attempts per account, counted atomically in the database before the password is
checked: thirty simultaneous guesses still get only five verified, on every app server."""

import math
from datetime import timedelta

from flask import current_app
from flask_babel import ngettext
from limits import parse
from sqlalchemy import case, delete, literal, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.extensions import db
from app.models import FailedAttempts
from app.models.types import UTCDateTime, utcnow
from app.services import ValidationError


class TooManyAttempts(ValidationError):
    """The account waits: `retry_after` seconds until its window ends."""

    def __init__(self, retry_after: int, field: str | None = None):
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(
            ngettext(
                "Too many attempts. Try again in %(num)d minute.",
                "Too many attempts. Try again in %(num)d minutes.",
                minutes,
            ),
            field,
        )
        self.retry_after = retry_after


def account_key(kind: str, email: str) -> str:
    """The counter of one account: its area and the address typed (lower-cased)."""
    return f"{kind}:{(email or '').strip().lower()}"[:300]


def _limit() -> tuple[int, timedelta]:
    """How many attempts per window, from LOGIN_LIMIT_ACCOUNT ("5 per 15 minutes")."""
    item = parse(current_app.config["LOGIN_LIMIT_ACCOUNT"])
    return item.amount, timedelta(seconds=item.get_expiry())


def reserve_attempt(key: str, field: str | None = "password") -> None:
    """Count one attempt for `key` before its password is checked; raise TooManyAttempts when
    the window's allowance is used up. Committed at once, so a refusal's rollback keeps it."""
    amount, window = _limit()
    now = utcnow()
    table = FailedAttempts.__table__
    dialect = db.session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(
        insert(table)
        .values(key=key, count=0, window_start=now)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    expired = table.c.window_start <= now - window
    # One statement reads and bumps the count: the row lock makes parallel attempts queue.
    count, start = db.session.execute(
        update(table)
        .where(table.c.key == key)
        .values(
            count=case((expired, 1), else_=table.c.count + 1),
            window_start=case((expired, literal(now, UTCDateTime())), else_=table.c.window_start),
        )
        .returning(table.c.count, table.c.window_start)
    ).one()
    db.session.commit()
    if count > amount:
        raise TooManyAttempts(int((start + window - now).total_seconds()) + 1, field)


def forget_attempts(key: str) -> None:
    """A right password clears the account's count (committed with the sign-in)."""
    db.session.execute(delete(FailedAttempts).where(FailedAttempts.key == key))


def prune_attempts() -> int:
    """Drop the counters whose window has ended (most are guessed addresses that never sign
    in); how many went."""
    _amount, window = _limit()
    return db.session.execute(
        delete(FailedAttempts).where(FailedAttempts.window_start <= utcnow() - window)
    ).rowcount
