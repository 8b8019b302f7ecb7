"""Due reminders emailed to the staff member they remind, each exactly once per time it falls
due: a run claims a reminder with a conditional update (`notified_at` still empty) in the same
transaction as its outbox row, so two workers, or the worker and `flask --app wsgi reminders`,
running at once queue one email; a snooze empties `notified_at` and re-arms it."""

import logging
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import get_locale
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.i18n import time_zones
from app.links import external_url
from app.models import Reminder
from app.models.types import utcnow
from app.services.mail.staff import email_staff
from app.services.reminders.records import about, about_label
from app.services.reminders.status import overdue_condition
from app.services.scope import scope_of
from app.services.settings import get_settings

logger = logging.getLogger(__name__)


def _due_condition(now):
    """Due, not done, to be emailed, and not emailed yet at this due time."""
    return Reminder.email, Reminder.notified_at.is_(None), overdue_condition(now)


def _claim(reminder_id: int, now) -> bool:
    """Mark the reminder notified if no other run did; True when this run did."""
    claimed = db.session.execute(
        update(Reminder).where(Reminder.id == reminder_id, *_due_condition(now))
        .values(notified_at=now).execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    return claimed == 1


def _zone(user) -> ZoneInfo:
    """The reminded person's time zone (My profile), else the firm's."""
    zone = user.timezone if user.timezone in time_zones() else get_settings().timezone
    return ZoneInfo(zone)


def _email(reminder: Reminder) -> int:
    endpoint, values = about(reminder)
    url = external_url(endpoint, **values)
    return email_staff([reminder.user], "reminder_staff", lambda user: {
        "reminder_description": reminder.description,
        "reminder_due": format_datetime(reminder.due_at, "medium", tzinfo=_zone(user),
                                        locale=str(get_locale())),
        "reminder_about": about_label(reminder),
        "reminder_url": url,
    }, reminder.customer_id)  # fmt: skip


def _still_sees(reminder: Reminder) -> bool:
    """Whether the reminded person is active and may still see what the reminder is about (their
    role or customers may have changed since): otherwise it is claimed but not emailed, as
    their dashboard card and calendar leave it out too."""
    user = reminder.user
    return user.active and scope_of(user).get(Reminder, reminder.id) is not None


def send_due_reminders() -> int:
    """Queue the email of every reminder due and not yet notified, each in its own transaction
    (one that fails is logged and left for the next run); how many were queued."""
    now = utcnow()
    due = db.session.scalars(
        select(Reminder.id).where(*_due_condition(now)).order_by(Reminder.due_at, Reminder.id)
    ).all()
    db.session.commit()  # end the read: each claim below is its own transaction
    sent = 0
    for reminder_id in due:
        try:
            if _claim(reminder_id, now):
                reminder = db.session.scalar(
                    select(Reminder).where(Reminder.id == reminder_id)
                    .options(joinedload(Reminder.user), joinedload(Reminder.customer))
                )  # fmt: skip
                if _still_sees(reminder):
                    sent += _email(reminder)
            db.session.commit()
        except Exception:
            db.session.rollback()
            logger.exception("reminder %s: not emailed, tried again on the next run", reminder_id)
    return sent
