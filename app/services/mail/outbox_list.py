"""The outbox as admins see it (Settings → Email → Outbox): queued, failed and sent messages."""

from sqlalchemy import Select, select

from app.models import OutboxMessage

OUTBOX_STATES = ("queued", "failed", "sent")
# The same rule in SQL as in outbox_state(): sent once sent; failed while an error is kept.
_STATE_WHERE = {
    "queued": (OutboxMessage.sent_at.is_(None), OutboxMessage.last_error.is_(None)),
    "failed": (OutboxMessage.sent_at.is_(None), OutboxMessage.last_error.is_not(None)),
    "sent": (OutboxMessage.sent_at.is_not(None),),
}


def outbox_state(message: OutboxMessage) -> str:
    """queued (not tried yet, or being sent), failed (kept with its error, retried) or sent."""
    if message.sent_at is not None:
        return "sent"
    return "failed" if message.last_error else "queued"


def outbox_query(state: str = "") -> Select:
    """Messages in this state (every message for ''), newest first."""
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc())
    return query.where(*_STATE_WHERE[state]) if state in _STATE_WHERE else query
