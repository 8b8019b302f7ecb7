"""The outbox as admins see it (Settings → Email → Outbox): queued, failed and sent messages."""

from dataclasses import dataclass

from sqlalchemy import Select, select

from app.models import OutboxMessage
from app.models.types import utcnow
from app.services.lists import Sorts, choice
from app.services.mail.outbox import unclaimed
from app.services.scope import Scope

OUTBOX_STATES = ("queued", "sending", "failed", "sent")
SORTS = Sorts({"-created": (OutboxMessage.id.desc(),)}, default="-created")


def _state_where(state: str) -> tuple:
    """The same rule in SQL as outbox_state(): sent once sent; sending while a worker holds it;
    else failed while an error is kept."""
    unsent = OutboxMessage.sent_at.is_(None)
    free = unclaimed(utcnow())
    return {
        "queued": (unsent, free, OutboxMessage.last_error.is_(None)),
        "sending": (unsent, ~free),
        "failed": (unsent, free, OutboxMessage.last_error.is_not(None)),
        "sent": (OutboxMessage.sent_at.is_not(None),),
    }[state]


def outbox_state(message: OutboxMessage) -> str:
    """queued (not tried yet), sending (a worker holds it), failed (kept with its error,
    retried) or sent."""
    if message.sent_at is not None:
        return "sent"
    if message.being_sent:
        return "sending"
    return "failed" if message.last_error else "queued"


@dataclass
class OutboxFilters:
    state: str = ""
    sort: str = SORTS.default

    @classmethod
    def from_args(cls, args) -> "OutboxFilters":
        """Read ?state=&sort= leniently: anything unknown is ignored."""
        return cls(state=choice(args.get("state"), OUTBOX_STATES), sort=SORTS.key(args.get("sort")))


def outbox_query(filters: OutboxFilters, scope: Scope) -> Select:
    """Messages in the filtered state (every message for ''), newest first."""
    query = select(OutboxMessage).order_by(*SORTS.order_by(filters.sort))
    if filters.state:
        query = query.where(*_state_where(filters.state))
    return scope.narrow(query, OutboxMessage)
