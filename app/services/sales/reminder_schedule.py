"""When payment reminders are due: Settings → Finance gives the days before and after an
invoice's due date; days are counted in the company's time zone (Settings → Localization)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from app.models import Document
from app.models.types import utcnow
from app.services import Collector
from app.services.settings import Settings, get_settings, save_settings

DAYS_MAX = 365
AFTER_STAGES = ("after_1", "after_2", "after_3")
FIELDS = {"before": "payment_reminder_before"} | {
    stage: f"payment_reminder_{stage}" for stage in AFTER_STAGES
}


@dataclass(frozen=True)
class Scheduled:
    stage: str
    day: date


def reminder_settings(settings: Settings | None = None) -> dict[str, int | None]:
    """What Settings → Finance shows: the days of each stage (None: off), by form field."""
    settings = settings or get_settings()
    return {field: getattr(settings, field) or None for field in FIELDS.values()}


def whole_days_message() -> str:
    return _("Enter a whole number of days from 1 to %(n)d, or leave it empty.", n=DAYS_MAX)


def check_reminder_settings(values: dict[str, int | None]) -> None:
    """Whole numbers from 1 to 365 (empty: off); the reminders after the due date in increasing
    order (first < second < third). FormErrors beside the fields, all at once."""
    errors = Collector()
    previous = None
    for field in FIELDS.values():
        days = values.get(field)
        if days is None:
            continue
        if not 1 <= days <= DAYS_MAX:
            errors.add(field, whole_days_message())
        elif field != FIELDS["before"]:
            if previous is not None and days == previous:
                errors.add(field, _("Each reminder after the due date needs its own number "
                                    "of days."))  # fmt: skip
            elif previous is not None and days < previous:
                errors.add(field, _(
                    "Each reminder after the due date comes later than the one before it: "
                    "enter more days than %(n)d.", n=previous))  # fmt: skip
            previous = max(days, previous or 0)
    errors.raise_if_any()


def save_reminder_settings(values: dict[str, int | None]) -> None:
    """Store the days of each stage (checked by check_reminder_settings); an empty one turns its
    stage off."""
    check_reminder_settings(values)
    save_settings({field: values.get(field) or 0 for field in FIELDS.values()})


def offsets(settings: Settings | None = None) -> dict[str, int]:
    """Each stage switched on, with its day counted from the due date (before: negative)."""
    days = reminder_settings(settings)
    found = {stage: days[field] for stage, field in FIELDS.items() if days[field]}
    return {stage: -n if stage == "before" else n for stage, n in found.items()}


def company_today(now: datetime | None = None, settings: Settings | None = None) -> date:
    """Today in the company's time zone (a reminder day starts at its midnight)."""
    settings = settings or get_settings()
    try:
        zone = ZoneInfo(settings.timezone)
    except (ValueError, KeyError):
        zone = ZoneInfo("UTC")
    return (now or utcnow()).astimezone(zone).date()


def stage_days(invoice: Document, stages: dict[str, int]) -> list[Scheduled]:
    """The day of each stage for this invoice, earliest first; a stage that would fall on or
    before the day it was issued has none (the invoice itself was the message), and a reminder
    'before' the due date never comes on or after it."""
    if invoice.due_date is None:
        return []
    days = []
    for stage, offset in stages.items():
        day = invoice.due_date + timedelta(days=offset)
        if day > invoice.issue_date:
            days.append(Scheduled(stage, day))
    return sorted(days, key=lambda s: s.day)


def stage_due(invoice: Document, today: date, stages: dict[str, int]) -> str | None:
    """The latest stage whose day has come (an earlier one missed is not sent as well: a worker
    down for a week sends one reminder, not a burst); None if none has."""
    due = [s for s in stage_days(invoice, stages) if s.day <= today]
    if not due or (due[-1].stage == "before" and today >= invoice.due_date):
        return None
    return due[-1].stage


def next_scheduled(
    invoice: Document, today: date, sent: set[str], stages: dict[str, int]
) -> Scheduled | None:
    """The next reminder this invoice would get (today's, if not sent yet), or None."""
    for scheduled in stage_days(invoice, stages):
        if scheduled.day >= today and scheduled.stage not in sent:
            return scheduled
    return None
