"""The reminders a page shows: a record's open ones, a staff member's card, a time window."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Reminder, User
from app.models.types import utcnow
from app.services.reminders.service import record_filter
from app.services.scope import Scope, scope_of

UPCOMING = timedelta(days=7)


def _loaded(query):
    return query.options(joinedload(Reminder.user), joinedload(Reminder.created_by),
                         joinedload(Reminder.customer), joinedload(Reminder.document),
                         joinedload(Reminder.contract), joinedload(Reminder.ticket))  # fmt: skip


def record_reminders(record, scope: Scope) -> list[Reminder]:
    """The reminders of a customer (or invoice, estimate, contract, ticket) not done yet,
    the soonest first."""
    query = _loaded(select(Reminder).where(*record_filter(record), Reminder.done_at.is_(None)))
    query = scope.narrow(query, Reminder).order_by(Reminder.due_at, Reminder.id)
    return list(db.session.scalars(query))


def my_reminders(user: User, scope: Scope, now: datetime | None = None) -> list[Reminder]:
    """The dashboard card: `user`'s open reminders overdue, then those of the next 7 days."""
    now = now or utcnow()
    query = _loaded(select(Reminder).where(Reminder.user_id == user.id,
                                           Reminder.done_at.is_(None),
                                           Reminder.due_at < now + UPCOMING))  # fmt: skip
    return list(
        db.session.scalars(scope.narrow(query, Reminder).order_by(Reminder.due_at, Reminder.id))
    )


def reminders_between(user: User, start: datetime, end: datetime) -> list[Reminder]:
    """`user`'s reminders due in [start, end), done or not (a calendar feed shows both), the
    soonest first, each with its customer and record loaded (only those of records `user`
    still sees)."""
    query = _loaded(select(Reminder).where(Reminder.user_id == user.id, Reminder.due_at >= start,
                                           Reminder.due_at < end))  # fmt: skip
    query = scope_of(user).narrow(query, Reminder).order_by(Reminder.due_at, Reminder.id)
    return list(db.session.scalars(query))
