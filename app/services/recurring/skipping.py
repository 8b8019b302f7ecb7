"""Dates a recurring invoice does not bill: those that passed while it was paused, or while its
customer was deactivated. Its next date moves to the first schedule date on or after today;
the dates skipped are returned (to be said on the page) and the move is in the customer's
activity log. A run never makes them later."""

from datetime import date

from app.i18n import money
from app.labels.sales import interval_label
from app.models import RecurringInvoice, User
from app.services.customers.activity import log_activity
from app.services.recurring.schedule import date_after, first_on_or_after

SHOWN = 12  # the dates a message names; the others are counted


def skipped_dates(profile: RecurringInvoice, today: date) -> list[date]:
    """The schedule's dates from the profile's next date up to (not including) today, within
    its end (its until date; its number of invoices)."""
    schedule = (profile.start_date, profile.interval_count, profile.interval_unit)
    left = None
    if profile.end_type == "count":
        left = (profile.max_count or 0) - profile.invoices_created
    dates, day = [], profile.next_date
    while day is not None and day < today and (left is None or len(dates) < left):
        if profile.end_type == "until" and profile.until_date and day > profile.until_date:
            break
        dates.append(day)
        day = date_after(*schedule, day)
    return dates


def skip_to_today(
    profile: RecurringInvoice, today: date, user: User | None, action: str
) -> list[date]:
    """Move the next date past what is skipped (see the module); logged as `action` with the
    next date's change, or without it when nothing was skipped."""
    skipped = skipped_dates(profile, today)
    before = profile.next_date
    if profile.next_date is not None and profile.next_date < today:
        schedule = (profile.start_date, profile.interval_count, profile.interval_unit)
        profile.next_date = first_on_or_after(*schedule, today)
    changes = None
    if before != profile.next_date:
        changes = {"next_date": [before.isoformat(), profile.next_date.isoformat()]}
    log_activity(profile.customer, user, action, changes=changes, subject=describe(profile))
    return skipped


def describe(profile: RecurringInvoice) -> str:
    """The activity log's subject: the amount and the interval ('€900.00 · Every month')."""
    interval = interval_label(profile.interval_count, profile.interval_unit)
    return f"{money(profile.total, profile.currency_code)} · {interval}"
