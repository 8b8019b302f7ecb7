"""Recurring invoice profiles: save (checked as an invoice is), pause, resume, delete; each
change is in the customer's activity log.

Editing a profile changes the invoices it makes from then on; those already made stay as they
are. Its next date is kept unless the schedule changes (start, interval, first invoice date):
then it is the new schedule's first date after the last invoice made (before the first one: on
or after the first invoice date). A resume, and a customer activated again, start at the first
schedule date on or after today: the dates in between are skipped, and said."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import (
    END_TYPES,
    INTERVAL_UNITS,
    RECURRING_MODES,
    Currency,
    Customer,
    Document,
    RecurringInvoice,
    RecurringItem,
    RecurringItemTax,
    RecurringRun,
    User,
)
from app.services import Collector, FormErrors, ValidationError
from app.services.currencies import CURRENCY_USERS
from app.services.customers.activity import log_activity
from app.services.customers.hooks import WHEN_ACTIVATED
from app.services.locks import savepoint
from app.services.recurring.schedule import date_after, first_on_or_after
from app.services.recurring.skipping import describe, skip_to_today
from app.services.sales.service import DocumentInput, ItemInput, _check
from app.services.sales.totals import Line, compute

KEY = re.compile(r"[0-9a-f]{32}")
MAX_INTERVAL = 365
MAX_COUNT = 1000


@dataclass
class RecurringInput:
    customer_id: int | None
    currency_id: int | None
    language: str
    items: list[ItemInput]
    interval_count: int | None
    interval_unit: str
    start_date: date | None
    first_date: date | None = None  # when the run starts (empty: on or after today); new profiles
    end_type: str = "never"
    until_date: date | None = None
    max_count: int | None = None
    mode: str = "draft"
    discount_type: str = "none"
    discount_value: Decimal = Decimal(0)
    discount_before_tax: bool = True
    notes: str | None = None
    terms: str | None = None
    form_key: str | None = None  # the New form's, so that a double click saves once


def _schedule_errors(data: RecurringInput, profile: RecurringInvoice | None, today: date) -> dict:
    """The schedule's own rules: a positive interval, an end after the start."""
    errors = Collector()
    if not data.interval_count or not 1 <= data.interval_count <= MAX_INTERVAL:
        errors.add("interval_count", _("Enter a whole number from 1 to %(n)d.", n=MAX_INTERVAL))
    if data.interval_unit not in INTERVAL_UNITS:
        errors.add("interval_unit", _("Choose a value from the list."))
    if data.mode not in RECURRING_MODES:
        errors.add("mode", _("Choose a value from the list."))
    if data.start_date is None:
        errors.add("start_date", _("Enter the date."))
    else:
        errors.day("start_date", data.start_date)
    first, start = data.first_date, data.start_date
    if first is not None and errors.day("first_date", first) and start and first < start:
        errors.add("first_date", _("This date is before the start date."))
    if data.end_type not in END_TYPES:
        errors.add("end_type", _("Choose a value from the list."))
    elif data.end_type == "until":
        if data.until_date is None:
            errors.add("until_date", _("Enter the date."))
        elif (
            errors.day("until_date", data.until_date)
            and data.start_date
            and (data.until_date < data.start_date)
        ):
            errors.add("until_date", _("This date is before the start date."))
    elif data.end_type == "count" and (not data.max_count or not 1 <= data.max_count <= MAX_COUNT):
        errors.add("max_count", _("Enter a whole number from 1 to %(n)d.", n=MAX_COUNT))
    return errors.errors


def save_profile(
    profile: RecurringInvoice | None, data: RecurringInput, user: User | None,
    today: date | None = None,
) -> RecurringInvoice:  # fmt: skip
    """Create or update a profile; lines, taxes and discount are checked as an invoice's."""
    today = today or date.today()
    key = data.form_key if profile is None and KEY.fullmatch(data.form_key or "") else None
    if key is not None and (saved := _saved_with(key)) is not None:
        return saved  # the same form posted again (a double click): already saved
    document = DocumentInput(
        customer_id=data.customer_id, issue_date=data.start_date or today, due_date=None,
        currency_id=data.currency_id, language=data.language, billing={},
        include_shipping=False, shipping={}, items=data.items, discount_type=data.discount_type,
        discount_value=data.discount_value, discount_before_tax=data.discount_before_tax,
    )  # fmt: skip
    errors = _schedule_errors(data, profile, today)
    customer = currency = None
    try:
        # `_check` reads the customer through `user`'s scope, as the invoice form does.
        customer, currency, taxes = _check(document, user, _current_customer(profile))
    except FormErrors as exc:
        for name, messages in exc.errors.items():
            errors.setdefault(name.replace("issue_date", "start_date"), []).extend(messages)
    if errors:
        raise FormErrors(errors)
    new = profile is None
    if new:
        profile = RecurringInvoice(created_by_id=user.id if user else None, invoices_created=0,
                                   form_key=key)  # fmt: skip
    rescheduled = new or _reschedules(profile, data)
    profile.customer = customer
    profile.currency_code, profile.currency_decimals = currency.code, currency.decimals
    profile.language = data.language
    profile.discount_type, profile.discount_value = data.discount_type, data.discount_value
    profile.discount_before_tax = data.discount_before_tax
    profile.notes, profile.terms = data.notes or None, data.terms or None
    profile.interval_count, profile.interval_unit = data.interval_count, data.interval_unit
    profile.start_date, profile.end_type, profile.mode = data.start_date, data.end_type, data.mode
    profile.until_date = data.until_date if data.end_type == "until" else None
    profile.max_count = data.max_count if data.end_type == "count" else None
    profile.items = [
        RecurringItem(position=index, description=item.description, unit=item.unit or None,
                      long_description=item.long_description or None, quantity=item.quantity,
                      rate=item.rate,
                      taxes=[RecurringItemTax(tax_rate_id=t, name=taxes[t].name,
                                              percent=taxes[t].percent) for t in item.tax_ids])
        for index, item in enumerate(data.items)
    ]  # fmt: skip
    profile.total = profile_total(profile)
    if profile.total < 0:
        raise FormErrors({"discount_value": [_("The discount is larger than the document.")]})
    if new or (profile.active and rescheduled):
        profile.active = True
        profile.next_date = _next_date(profile, today, data.first_date)
    elif rescheduled:  # paused: it stays paused, at its date on the new schedule
        profile.next_date = _next_date(profile, today, data.first_date) or profile.next_date
    if key is None:
        db.session.add(profile)
        db.session.flush()
    else:
        try:
            with savepoint():  # two posts of one form at once: the second finds
                db.session.add(profile)  # the first's row (unique key), and answers with it
        except IntegrityError:
            saved = _saved_with(key)
            if saved is None:
                raise
            return saved
    log_activity(profile.customer, user, "recurring.created" if new else "recurring.updated",
                 subject=describe(profile))  # fmt: skip
    return profile


def _reschedules(profile: RecurringInvoice, data: RecurringInput) -> bool:
    """Whether an edit changes the schedule: its start or interval, or (before the first
    invoice) its first invoice date; lines, prices and terms do not move the next date."""
    before = (profile.start_date, profile.interval_count, profile.interval_unit)
    if before != (data.start_date, data.interval_count, data.interval_unit):
        return True
    first = data.first_date
    return not profile.invoices_created and first is not None and first != profile.next_date


def _saved_with(key: str) -> RecurringInvoice | None:
    return db.session.scalar(select(RecurringInvoice).where(RecurringInvoice.form_key == key))


def _current_customer(profile: RecurringInvoice | None):
    """`_check` takes the document whose customer is kept even outside the scope."""
    if profile is None:
        return None
    return Document(customer_id=profile.customer_id)


def profile_total(profile: RecurringInvoice) -> Decimal:
    """What each invoice will total with the lines and taxes as they are now."""
    lines = [Line(i.quantity, i.rate, tuple((t.name, t.percent) for t in i.taxes))
             for i in profile.items]  # fmt: skip
    totals = compute(lines, profile.currency_decimals, profile.discount_type,
                     profile.discount_value or Decimal(0), profile.discount_before_tax)  # fmt: skip
    return totals.total


def last_run_date(profile: RecurringInvoice) -> date | None:
    if profile.id is None:
        return None
    return db.session.scalar(
        select(func.max(RecurringRun.run_date)).where(RecurringRun.profile_id == profile.id)
    )


def _next_date(profile: RecurringInvoice, today: date, first: date | None = None) -> date | None:
    """The schedule's first date after the last invoice made (a past one is caught up by the
    next run); None when the schedule has ended. Before the first invoice: the schedule's first
    date on or after `first` (empty: today), so a profile starting in the past makes back-dated
    invoices only when asked to."""
    schedule = (profile.start_date, profile.interval_count, profile.interval_unit)
    last = last_run_date(profile)
    following = (
        date_after(*schedule, last) if last else first_on_or_after(*schedule, first or today)
    )
    return None if has_ended(profile, following) else following


def has_ended(profile: RecurringInvoice, day: date | None) -> bool:
    """Whether `day` is past the profile's end (its until date, or its number of invoices)."""
    if day is None:
        return True
    if profile.end_type == "until" and profile.until_date and day > profile.until_date:
        return True
    return profile.end_type == "count" and profile.invoices_created >= (profile.max_count or 0)


def _switch(profile: RecurringInvoice, active: bool) -> bool:
    """Pause or resume with a conditional UPDATE, then read the profile as committed: of two
    clicks at once (or a run taking it), the second waits and finds it switched already."""
    switched = db.session.execute(
        update(RecurringInvoice).where(RecurringInvoice.id == profile.id,
                                       RecurringInvoice.active == (not active))
        .values(active=active).execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    db.session.refresh(profile)
    return bool(switched)


def pause(profile: RecurringInvoice, user: User | None) -> None:
    """No invoice is made while paused."""
    if not _switch(profile, False):
        raise ValidationError(_("This recurring invoice is already paused."))
    log_activity(profile.customer, user, "recurring.paused", subject=describe(profile))


def resume(profile: RecurringInvoice, user: User | None, today: date | None = None) -> list[date]:
    """Invoices are made again from the first schedule date on or after today; the dates
    that passed while paused are not billed: they are returned (and logged), to be said."""
    if not _switch(profile, True):
        raise ValidationError(_("This recurring invoice is already active."))
    today = today or date.today()
    next_date = profile.next_date or _next_date(profile, today)
    if next_date is None or has_ended(profile, next_date):
        raise ValidationError(_("This recurring invoice has ended."))
    profile.active, profile.next_date = True, next_date
    skipped = skip_to_today(profile, today, user, "recurring.resumed")
    db.session.flush()
    return skipped


def delete_profile(profile: RecurringInvoice, user: User | None) -> None:
    """The profile goes; the invoices it made stay (they lose only the link back to it)."""
    log_activity(profile.customer, user, "recurring.deleted", subject=describe(profile))
    db.session.execute(delete(RecurringRun).where(RecurringRun.profile_id == profile.id))
    db.session.delete(profile)
    db.session.flush()


def currency_used_by_profiles(currency_id: int) -> bool:
    code = db.session.scalar(select(Currency.code).where(Currency.id == currency_id))
    return bool(
        db.session.scalar(select(func.count()).where(RecurringInvoice.currency_code == code))
    )


def skip_while_inactive(customer: Customer, user: User | None, today: date | None = None) -> None:
    """A customer activated again: its active profiles skip the dates that passed while it was
    deactivated (nothing is billed for them) and start again on or after today."""
    today = today or date.today()
    profiles = select(RecurringInvoice).where(
        RecurringInvoice.customer_id == customer.id, RecurringInvoice.active,
        RecurringInvoice.next_date < today,
    )  # fmt: skip
    for profile in db.session.scalars(profiles.order_by(RecurringInvoice.id).with_for_update()):
        skip_to_today(profile, today, user, "recurring.skipped")
    db.session.flush()


CURRENCY_USERS.append(currency_used_by_profiles)
WHEN_ACTIVATED.append(skip_while_inactive)
