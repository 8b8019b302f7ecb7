"""What nearly every request reads and that seldom changes (the settings, the logo's date, the
lists' custom fields, groups and staff), kept per app process behind the cache version row.

Every write to those tables gives `cache_version` a new random token in the writer's own
transaction (triggers, migration 0046_cache_version). A request reads the token once, before
anything it keeps (so what it keeps is never older than its token), and reuses what this
process kept under the same token: another worker's or server's change shows at the next
request. A token written by a transaction that rolled back never comes back, so nothing read
under it can be taken for the committed contents."""

from collections.abc import Callable
from typing import TypeVar

from flask import current_app, has_request_context
from sqlalchemy import event, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import CacheVersion

T = TypeVar("T")
VERSION_KEY = "cache_version_read"  # session.info: the token this transaction last read
STORE_KEY = "process_cache"  # app.extensions: {name: (token, value)}
_TOKEN = select(CacheVersion.token).where(CacheVersion.id == 1)


def _token() -> str | None:
    """The current token, read once per transaction (None: no row, keep nothing)."""
    info = db.session.info
    if VERSION_KEY not in info:
        try:
            token = db.session.scalar(_TOKEN)
        except SQLAlchemyError:
            # Not migrated yet, or the database is away: an error page must still render.
            db.session.rollback()
            return None
        info[VERSION_KEY] = token
    return info[VERSION_KEY]


# The token as a column of another statement (a request's first, its sign-in session's).
TOKEN_COLUMN = _TOKEN.scalar_subquery()


def token_read(token: str | None) -> None:
    """The token TOKEN_COLUMN read beside a statement's rows: this transaction's, unless it
    read one already (that one stays: nothing kept under it is then taken for newer)."""
    db.session.info.setdefault(VERSION_KEY, token)


def remembered(name: object, load: Callable[[], T]) -> T:
    """`load()`, or what it gave in this process under the current token (requests only: a
    long job or a shell reads afresh each time)."""
    if not has_request_context():
        return load()
    token = _token()
    if token is None:
        return load()
    store = current_app.extensions.setdefault(STORE_KEY, {})
    kept = store.get(name)
    if kept is not None and kept[0] == token:
        return kept[1]
    value = load()
    store[name] = (token, value)
    return value


def _forget_token(session: Session, *_args) -> None:
    """A write, a commit or a rollback may change the token: read it again at next use."""
    session.info.pop(VERSION_KEY, None)


def _on_execute(state) -> None:
    if not state.is_select:  # an UPDATE or DELETE statement, or raw SQL
        state.session.info.pop(VERSION_KEY, None)


event.listen(Session, "after_flush", _forget_token)
event.listen(Session, "after_transaction_end", _forget_token)
event.listen(Session, "do_orm_execute", _on_execute)
