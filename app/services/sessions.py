"""Sessions kept on the server: one row per signed-in browser (app/models/session.py).

The Flask-Login identity of a person — in the session cookie and in the remember-me cookie — is
'<kind>:<person id>:<session key>': 's' staff, 'c' contact, 'v' a contact viewed by staff
through *View portal as* (on the staff member's own session). The key is random and the table
keeps only its digest; a session that is ended (sign-out, ended from another browser, by an
administrator, a new password) or idle too long loads nobody, whichever cookie carries it.
"""

import secrets
from datetime import datetime, timedelta

from flask import current_app, g, has_request_context, request, session
from flask_login import current_user, login_user, logout_user
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Contact, Role, SignInSession, User, hash_token
from app.models.types import utcnow
from app.parsing import parse_id
from app.process_cache import TOKEN_COLUMN, token_read
from app.services.security_log import record
from app.services.user_agents import describe_agent

# "Last seen" is written at most this often per session, not on every request.
SEEN_EVERY = timedelta(minutes=5)


def _owner_column(person):
    return SignInSession.user_id if person.kind == "staff" else SignInSession.contact_id


def attach(person, row: SignInSession, key: str, kind: str | None = None) -> None:
    """Make `row` the session `person` is signed in with in this request (get_id reads it)."""
    person.signed_in_session, person.session_key = row, key
    if kind is not None:
        person.identity_kind = kind


def current_session(person) -> SignInSession | None:
    """The session this request is signed in with, when it is `person`'s own."""
    row = getattr(person, "signed_in_session", None)
    return row if row is not None and row.person is person else None


def open_session(person, remember: bool = False) -> SignInSession:
    """A new session of `person` from this request's browser and address, attached to them."""
    key = secrets.token_urlsafe(32)
    browser, system, address = "", "", None
    if has_request_context():
        browser, system = describe_agent(request.headers.get("User-Agent"))
        address = (request.remote_addr or "")[:45] or None
    row = SignInSession(key_hash=hash_token(key), remember=remember, browser=browser, os=system,
                        ip_address=address)  # fmt: skip
    if person.kind == "staff":
        row.user = person
    else:
        row.contact = person
    db.session.add(row)
    db.session.flush()
    attach(person, row, key)
    return row


def renew_csrf_token() -> None:
    """A new CSRF token from the next page on: a token seen before sign-in (or by the previous
    person on this browser) no longer posts anything."""
    session.pop("csrf_token", None)
    g.pop("csrf_token", None)


def sign_in(person, remember: bool = False) -> SignInSession:
    """Open a session for `person`, put it in this browser's cookies, and log the sign-in."""
    row = open_session(person, remember)
    renew_csrf_token()
    login_user(person, remember=remember)
    record(person, "sign_in", remember=remember)
    return row


def view_as(contact: Contact, staff) -> None:
    """Sign in as `contact` on the staff member's own session (ending it ends the view too)."""
    attach(contact, staff.signed_in_session, staff.session_key, "v")
    login_user(contact)


def sign_out() -> None:
    """End the session this browser is signed in with, then forget it in the cookies."""
    row = getattr(current_user, "signed_in_session", None)
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()
        record(row.person, "sign_out")
    logout_user()
    renew_csrf_token()


def _live(row: SignInSession, now: datetime) -> bool:
    """Not ended, and not past its age: a year (the remember-me cookie's) when remembered,
    else SESSION_IDLE_MAX_AGE since last seen."""
    if row.ended_at is not None:
        return False
    if row.remember:
        return now - row.created_at < current_app.config["REMEMBER_COOKIE_DURATION"]
    return now - row.last_seen_at < current_app.config["SESSION_IDLE_MAX_AGE"]


def _person_of(row: SignInSession, kind: str, person_id: int):
    """Who the identity names, if its session may sign them in."""
    if kind == "s" and row.user_id == person_id:
        return row.user
    if kind == "c" and row.contact_id == person_id:
        return row.contact
    if (
        kind == "v"
        and row.user is not None
        and row.user.is_active
        and row.user.can("customers", "view_as")
    ):
        return db.session.get(Contact, person_id)
    return None


# A request's session with its person (a staff member with their role, or a contact), and the
# token of what the process keeps (app/process_cache.py) in the same statement: the request
# then reads no version row apart. The role's permissions are not loaded: `Role.granted` takes
# them from what the process keeps under that token (an administrator's are never asked: that
# role allows everything). Made once.
def _session_by_key(person):
    return (
        select(SignInSession, TOKEN_COLUMN)
        .where(SignInSession.key_hash == bindparam("key_hash"))
        .options(person)
    )


_STAFF_SESSION = _session_by_key(
    joinedload(SignInSession.user).joinedload(User.role).lazyload(Role.permissions)
)
_CONTACT_SESSION = _session_by_key(joinedload(SignInSession.contact))


def load_identity(identity: str):
    """The active person a Flask-Login identity names, through a live session, else None."""
    kind, _, rest = (identity or "").partition(":")
    raw_id, _, key = rest.partition(":")
    person_id = parse_id(raw_id)
    if kind not in {"s", "c", "v"} or person_id is None or not key:
        return None
    statement = _CONTACT_SESSION if kind == "c" else _STAFF_SESSION  # "v": staff's own
    found = db.session.execute(statement, {"key_hash": hash_token(key)}).first()
    row = None
    if found is not None:
        row = found[0]
        token_read(found[1])
    now = utcnow()
    if row is None or not _live(row, now):
        return None
    person = _person_of(row, kind, person_id)
    if person is None or not person.is_active:
        return None
    attach(person, row, key, kind)
    if has_request_context() and now - row.last_seen_at >= SEEN_EVERY:
        g.session_seen = row.id
    return person


def mark_seen(session_id: int, now: datetime, address: str | None = None) -> bool:
    """Write 'last seen' (and the address) of a session if it is older than SEEN_EVERY, in a
    transaction of its own; False when it was recent (another request wrote it)."""
    with db.engine.begin() as connection:
        done = connection.execute(
            update(SignInSession)
            .where(SignInSession.id == session_id, SignInSession.last_seen_at <= now - SEEN_EVERY)
            .values(last_seen_at=now, ip_address=address)
        )
    return done.rowcount > 0


def write_last_seen(response):
    """after_request: the 'last seen' this request's identity found stale."""
    session_id = g.pop("session_seen", None)
    if session_id is not None:
        try:
            mark_seen(session_id, utcnow(), (request.remote_addr or "")[:45] or None)
        except Exception:  # a busy database never turns a page into an error
            current_app.logger.exception("Could not write a session's last seen time")
    return response


def live_sessions(person) -> list[SignInSession]:
    """`person`'s sessions that still sign in, most recently seen first."""
    now = utcnow()
    rows = db.session.scalars(
        select(SignInSession)
        .where(_owner_column(person) == person.id, SignInSession.ended_at.is_(None))
        .order_by(SignInSession.last_seen_at.desc(), SignInSession.id.desc())
    )
    return [row for row in rows if _live(row, now)]


def find_session(person, session_id: int) -> SignInSession | None:
    """`person`'s session with this id, else None (someone else's is not found either)."""
    row = db.session.get(SignInSession, session_id)
    if row is None or row.person is not person:
        return None
    return row


def end_session(person, row: SignInSession) -> None:
    """`person` ends one of their sessions (another browser): it is signed out at once."""
    if row.ended_at is None:
        row.ended_at = utcnow()
        record(person, "session_ended", browser=row.browser, os=row.os, ip=row.ip_address)
    db.session.flush()


def _end(person, keep: SignInSession | None = None) -> int:
    """End every session of `person` but `keep`; how many there were."""
    if person.id is None:  # not saved yet: no session can name it
        return 0
    query = update(SignInSession).where(
        _owner_column(person) == person.id, SignInSession.ended_at.is_(None)
    )
    if keep is not None:
        query = query.where(SignInSession.id != keep.id)
    return db.session.execute(query.values(ended_at=utcnow())).rowcount


def end_other_sessions(person) -> int:
    """End every session of `person` except the one of this request (a new password, 'End all
    other sessions'); how many ended."""
    return _end(person, keep=current_session(person))


def end_all_sessions(person, by=None) -> int:
    """End every session of `person` at once (deactivation, an administrator's 'End all
    sessions'); logged on `person` when `by` (a staff member) is someone else."""
    count = _end(person)
    if by is not None and by is not person:
        record(person, "sessions_ended_by_admin", by=by.name, count=count)
    return count


def end_my_other_sessions(person) -> int:
    """'End all other sessions': every session of `person` but this browser's, logged."""
    count = end_other_sessions(person)
    record(person, "sessions_ended", count=count)
    return count


def staff_member_or_404(user_id: int):
    """The staff member an administrator's security page names (any, active or not)."""
    from app.models import User

    return db.get_or_404(User, user_id)
