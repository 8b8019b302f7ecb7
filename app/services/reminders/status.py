"""Whether a reminder is overdue: due and not done (the Python value and the SQL condition)."""

from datetime import datetime

from sqlalchemy import and_

from app.models import Reminder
from app.models.types import utcnow


def is_overdue(reminder: Reminder, now: datetime | None = None) -> bool:
    return reminder.done_at is None and reminder.due_at <= (now or utcnow())


def overdue_condition(now: datetime | None = None):
    return and_(Reminder.done_at.is_(None), Reminder.due_at <= (now or utcnow()))
