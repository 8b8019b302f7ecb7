"""A reminder's rules: who is reminded, when (a local date and time, never guessed), what; who
may change it; snoozing (which re-arms its email) and marking it done.

Who may edit a reminder: administrators, the staff member who created it and the one it
reminds; anyone else who sees its record sees it, read-only."""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import exists, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Contract, Customer, Document, Reminder, Ticket, User
from app.models.reminder import DESCRIPTION_MAX
from app.models.types import utcnow
from app.services import Collector, FormErrors, reread_or_404
from app.services.locks import savepoint
from app.services.scope import scope_of
from app.services.staff import active_staff

# The records a reminder may be attached to, each with its foreign key on Reminder.
RECORD_COLUMNS = {Document: "document_id", Contract: "contract_id", Ticket: "ticket_id"}
MORNING = time(9, 0)
KEY = re.compile(r"[0-9a-f]{32}")


def record_filter(record):
    """The condition for the reminders attached to `record` (a customer: to the customer
    itself, not to its invoices or tickets)."""
    if isinstance(record, Customer):
        return (Reminder.customer_id == record.id, Reminder.document_id.is_(None),
                Reminder.contract_id.is_(None), Reminder.ticket_id.is_(None))  # fmt: skip
    return (getattr(Reminder, RECORD_COLUMNS[type(record)]) == record.id,)


def follow_customer(record, customer_id: int) -> None:
    """A draft invoice, estimate or contract moved to another customer takes its reminders
    along (their customer decides who sees them, and deleting the old one must not take them)."""
    if record.id is not None:
        db.session.execute(
            update(Reminder).where(*record_filter(record)).values(customer_id=customer_id)
        )


def local_moment(errors: Collector, field: str, day: date | None, at: time | None, zone: ZoneInfo):
    """`day` at `at` in `zone` as UTC; refused beside `field` when the time is skipped or
    repeated that day by a clock change (which of the two was meant would be a guess)."""
    if day is None or at is None:
        errors.add(field, _("Enter a date and a time."))
        return None
    if not errors.day(field, day):
        return None
    moment = datetime.combine(day, at, tzinfo=zone)
    if moment.utcoffset() != moment.replace(fold=1).utcoffset():
        errors.add(field, _("This time is skipped or repeated on that day by a clock change "
                            "(%(zone)s): choose another time.", zone=str(zone)))  # fmt: skip
        return None
    return moment.astimezone(ZoneInfo("UTC"))


def _future(errors: Collector, field: str, moment: datetime | None) -> datetime | None:
    if moment is not None and moment <= utcnow():
        errors.add(field, _("Choose a date and time in the future."))
        return None
    return moment


def _staff(errors: Collector, user_id: int | None, record) -> User | None:
    user = db.session.get(User, user_id) if user_id else None
    if user is None or not user.active:
        errors.add("user_id", _("Choose an active staff member."))
        return None
    if not sees_record(user, record):
        errors.add("user_id", _("This person cannot see this record: choose someone who can."))
        return None
    return user


def sees_record(user: User, record) -> bool:
    return bool(who_sees(record, [user]))


def who_sees(record, users: list[User]) -> list[User]:
    """Those of `users` who may open `record` (its customer in their scope and the view
    permission of its module: customers, invoices, estimates, contracts or support), asked in
    one statement whatever their number."""
    entity = type(record)
    checks = []
    for n, user in enumerate(users):
        condition = scope_of(user).condition(entity)
        seen = select(entity.id).where(entity.id == record.id)
        seen = seen if condition is None else seen.where(condition)
        checks.append(exists(seen).label(f"u{n}"))
    row = db.session.execute(select(*checks)).one() if checks else ()
    return [user for user, sees in zip(users, row, strict=True) if sees]


def _saved_with(key: str | None) -> Reminder | None:
    return db.session.scalar(select(Reminder).where(Reminder.form_key == key)) if key else None


def add_reminder(
    record, user_id: int | None, day: date | None, at: time | None, zone: ZoneInfo,
    description: str | None, email: bool, by: User, form_key: str | None = None,
) -> Reminder:  # fmt: skip
    """A reminder on `record` (a customer, or its invoice, estimate, contract or ticket) for the
    staff member `user_id`, due at `day` `at` in the time zone of the person typing it. The
    same form posted again (`form_key`), even at the same moment, answers with the first."""
    key = form_key if KEY.fullmatch(form_key or "") else None
    if (saved := _saved_with(key)) is not None:
        return saved
    errors = Collector()
    text = errors.text("description", description, DESCRIPTION_MAX, _("Describe the reminder."))
    staff = _staff(errors, user_id, record)
    due = _future(errors, "day", local_moment(errors, "day", day, at, zone))
    errors.raise_if_any()
    customer_id = record.id if isinstance(record, Customer) else record.customer_id
    reminder = Reminder(customer_id=customer_id, user_id=staff.id, created_by_id=by.id,
                        due_at=due, description=text, email=bool(email), form_key=key)  # fmt: skip
    if not isinstance(record, Customer):
        setattr(reminder, RECORD_COLUMNS[type(record)], record.id)
    try:
        with savepoint():  # two posts of one form at once: the second finds
            db.session.add(reminder)  # the first's row (unique key) and answers with it
    except IntegrityError:
        saved = _saved_with(key)
        if saved is None:
            raise
        return saved
    return reminder


def may_edit(reminder: Reminder, user: User) -> bool:
    return user.is_admin or user.id in (reminder.user_id, reminder.created_by_id)


def editable_or_404(reminder: Reminder, user: User) -> Reminder:
    """Someone else's reminder is not there for a staff member who may not change it."""
    return reminder if may_edit(reminder, user) else abort(404)


def snooze_until(zone: ZoneInfo, choice: str, day: date | None = None, at: time | None = None):
    """When a snooze ends: in an hour, tomorrow at 9:00 (in `zone`), or on a chosen day and
    time; refused beside the date when that is not in the future."""
    errors = Collector()
    if choice == "hour":
        due = utcnow() + timedelta(hours=1)
    elif choice == "tomorrow":
        tomorrow = datetime.now(zone).date() + timedelta(days=1)
        due = local_moment(errors, "day", tomorrow, MORNING, zone)
        if due is None:  # 9:00 skipped by a clock change: an hour later is meant
            errors.errors.clear()
            due = local_moment(errors, "day", tomorrow, time(10, 0), zone)
    else:
        due = _future(errors, "day", local_moment(errors, "day", day, at, zone))
    errors.raise_if_any()
    return due


def snooze(reminder: Reminder, due: datetime) -> Reminder:
    """Move the reminder to `due` and re-arm it: its email goes again then, once."""
    if reminder.done_at is not None:
        raise FormErrors({"day": [_("This reminder is done already.")]})
    db.session.execute(
        update(Reminder).where(Reminder.id == reminder.id)
        .values(due_at=due, notified_at=None).execution_options(synchronize_session=False)
    )  # fmt: skip
    return reread_or_404(reminder)


def mark_done(reminder: Reminder) -> Reminder:
    """Done once (a second click changes nothing); a done reminder is no longer emailed."""
    db.session.execute(
        update(Reminder).where(Reminder.id == reminder.id, Reminder.done_at.is_(None))
        .values(done_at=utcnow()).execution_options(synchronize_session=False)
    )  # fmt: skip
    return reread_or_404(reminder)


def staff_to_remind(current: User, record) -> list[User]:
    """The active staff a reminder on `record` may be for (those who can see it), the current
    one first."""
    return [current] + who_sees(record, [u for u in active_staff() if u.id != current.id])


def get_reminder(reminder_id: int, scope) -> Reminder:
    return scope.get_or_404(Reminder, reminder_id, select(Reminder))
