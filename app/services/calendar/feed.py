"""What a staff member's calendar feed lists, as an iCalendar file (RFC 5545).

Each source is one function `source(user, start, end) -> iterable of FeedItem`, listed in
SOURCES: a date `start` makes an all-day event (the most widely shown kind: Google Calendar,
Apple Calendar and Outlook all show it), an aware datetime a timed one. Another source (customer
reminders are the second) is one more function here and one more line in SOURCES."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event

from app.links import external_url
from app.models import User
from app.services.languages import calendar_language
from app.services.projects.my_tasks import open_tasks_due_between
from app.services.reminders.queries import reminders_between
from app.services.reminders.records import about, about_label

# How far back and ahead the feed looks (an overdue task stays on it for a year).
PAST, AHEAD = timedelta(days=366), timedelta(days=2 * 366)
TIMED_LENGTH = timedelta(minutes=30)


@dataclass(frozen=True)
class FeedItem:
    """One event of the feed. `key` names it for good ("task-12"): its UID is made from it, so
    a calendar updates the event instead of adding another."""

    key: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None  # an all-day event: the next day; timed: 30 minutes
    description: str = ""
    url: str = ""


Source = Callable[[User, date, date], Iterable[FeedItem]]


def task_items(user: User, start: date, end: date) -> Iterable[FeedItem]:
    """The person's open tasks due in the window: an all-day event on the due date."""
    link = external_url("admin.my_tasks")
    for task in open_tasks_due_between(user, start, end):
        where = _("Project: %(name)s", name=task.project.name) + "\n" if task.project else ""
        where += _("Customer: %(name)s", name=task.customer.company)
        yield FeedItem(f"task-{task.id}", task.name, task.due_date, description=where, url=link)


def reminder_items(user: User, start: date, end: date) -> Iterable[FeedItem]:
    """The person's reminders in the window, done or not: a 30-minute event at their time."""
    window = (datetime.combine(start, datetime.min.time(), UTC),
              datetime.combine(end, datetime.min.time(), UTC))  # fmt: skip
    for reminder in reminders_between(user, *window):
        endpoint, values = about(reminder)
        link = external_url(endpoint, **values)
        yield FeedItem(f"reminder-{reminder.id}", reminder.description, reminder.due_at,
                       description=about_label(reminder), url=link)  # fmt: skip


SOURCES: list[Source] = [task_items, reminder_items]


def _event(item: FeedItem, domain: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{item.key}@{domain}")
    event.add("dtstamp", stamp)
    event.add("summary", item.summary)
    event.add("dtstart", item.start)
    if isinstance(item.start, datetime):
        event.add("dtend", item.end or item.start + TIMED_LENGTH)
    else:
        event.add("dtend", item.end or item.start + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a due date does not make the person busy
    if item.description:
        event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    return event


def calendar_of(user: User, today: date | None = None, sources: list[Source] = SOURCES) -> bytes:
    """The person's feed: every source's items from a year ago to two years ahead."""
    today = today or date.today()
    domain = urlsplit(current_app.config["BASE_URL"]).hostname or "comptoir"
    stamp = datetime.now(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//Comptoir//Calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Comptoir · {user.name}")
    with force_locale(calendar_language(user)):
        for source in sources:
            for item in source(user, today - PAST, today + AHEAD):
                calendar.add_component(_event(item, domain, stamp))
    return calendar.to_ical()
