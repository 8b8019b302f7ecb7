"""The security log of each staff member and contact: who did what to their account, when, from
where. Other services call `record(person, "event_code", **details)`; the words for each code
are in app/labels/activity.py (SECURITY_EVENT_LABELS).

    record(user, "totp_enabled")                    # written with the request's other changes
    record(user, "sessions_ended_by_admin", by=admin.name)
    record_at_once(user, "sign_in_failed")          # kept even when the request is rolled back
"""

from flask import has_request_context, request
from sqlalchemy import insert, select

from app.extensions import db
from app.models import SecurityEvent
from app.models.types import utcnow
from app.services.lists import Page, paginate
from app.services.user_agents import describe_agent


def _owner(person) -> dict:
    """The owner columns of a staff member's or contact's row."""
    if person.kind == "staff":
        return {"user_id": person.id}
    return {"contact_id": person.id}


def _where_from() -> dict:
    """The client address and browser of this request (none outside a request)."""
    if not has_request_context():
        return {"ip_address": None, "browser": "", "os": ""}
    browser, system = describe_agent(request.headers.get("User-Agent"))
    address = (request.remote_addr or "")[:45] or None
    return {"ip_address": address, "browser": browser, "os": system}


def _values(person, event: str, details: dict) -> dict:
    return {
        **_owner(person),
        **_where_from(),
        "event": event,
        "created_at": utcnow(),
        "details": details or None,
    }


def record(person, event: str, **details) -> SecurityEvent:
    """Add `event` to `person`'s log; it is saved with the request's other changes."""
    entry = SecurityEvent(**_values(person, event, details))
    db.session.add(entry)
    return entry


def record_at_once(person, event: str, **details) -> None:
    """Add `event` to `person`'s log in a transaction of its own: a refused sign-in rolls the
    request back, its log line stays."""
    with db.engine.begin() as connection:
        connection.execute(insert(SecurityEvent).values(**_values(person, event, details)))


def events_of(person, args) -> Page:
    """`person`'s log, newest first, the page ?page= asks for."""
    column = SecurityEvent.user_id if person.kind == "staff" else SecurityEvent.contact_id
    query = (
        select(SecurityEvent)
        .where(column == person.id)
        .order_by(SecurityEvent.created_at.desc(), SecurityEvent.id.desc())
    )
    return paginate(query, args, "security_log")
