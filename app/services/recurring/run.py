"""The billing run: each active profile whose next date has come makes its invoices, every date
not yet made (a run missed for days catches up), one transaction per invoice. A deactivated
customer's profiles make nothing and keep their next date (activating the customer again skips
the dates that passed meanwhile: app/services/recurring/skipping). Each invoice made is in the
customer's activity log.

Each transaction first takes the profile's row (a conditional UPDATE: PostgreSQL locks the row,
SQLite takes its write lock), so two runs at once make each invoice once: the second waits, then
sees the next date the first one moved on. The `recurring_runs` row, unique per profile and
date, is written in the same transaction as the invoice: a run killed midway leaves either both
or neither, and the next run makes what is left."""

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Currency, Customer, Document, RecurringInvoice, RecurringRun
from app.services.customers.activity import log_activity
from app.services.locks import savepoint
from app.services.recurring.schedule import date_after
from app.services.recurring.service import has_ended
from app.services.sales.actions import issue
from app.services.sales.mailing import send_document
from app.services.sales.service import (
    DocumentInput,
    ItemInput,
    customer_defaults,
    default_due_date,
    save_document,
)

logger = logging.getLogger(__name__)


@dataclass
class RunSummary:
    created: int = 0
    issued: int = 0
    emailed: int = 0
    ended: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return (
            f"{self.created} invoice(s) created, {self.issued} issued, {self.emailed} email(s) "
            f"queued, {self.ended} recurring invoice(s) ended, {self.failed} failed"
        )


def run_due(today: date | None = None, limit: int | None = None) -> RunSummary:
    """Make every invoice due on or before `today` (at most `limit` of them), each once."""
    today = today or date.today()
    summary = RunSummary()
    due = db.session.scalars(
        select(RecurringInvoice.id)
        .where(RecurringInvoice.active, RecurringInvoice.next_date <= today, _customer_active())
        .order_by(RecurringInvoice.id)
    ).all()
    db.session.rollback()  # each invoice in its own transaction, whose first statement writes
    for profile_id in due:
        try:
            while limit is None or summary.created < limit:
                if not run_next(profile_id, today, summary):
                    break
        except Exception:  # one profile's trouble (say, its customer's currency gone) stops
            db.session.rollback()  # only that profile; it is tried again on the next run
            logger.exception("recurring invoice %s: the run failed", profile_id)
            summary.failed += 1
    return summary


def _customer_active():
    """SQL: the profile's customer is active (a deactivated one is not billed)."""
    return RecurringInvoice.customer_id.in_(select(Customer.id).where(Customer.active))


def run_next(profile_id: int, today: date, summary: RunSummary) -> bool:
    """Make the profile's next invoice if its date has come (committed); False when nothing is
    left to make today."""
    taken = db.session.execute(
        update(RecurringInvoice)
        .where(RecurringInvoice.id == profile_id, RecurringInvoice.active,
               RecurringInvoice.next_date <= today, _customer_active())
        .values(next_date=RecurringInvoice.next_date)
        .execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    if not taken:  # paused, deleted, its customer deactivated, or made by another run
        db.session.rollback()
        return False
    profile = db.session.get(RecurringInvoice, profile_id, populate_existing=True)
    day = profile.next_date
    if has_ended(profile, day):
        _end(profile, summary)
        db.session.commit()
        return False
    run = RecurringRun(profile_id=profile.id, run_date=day)
    try:
        with savepoint():
            db.session.add(run)
    except IntegrityError:  # made already (the profile's dates were changed back): skip it
        _advance(profile, day, summary)
        db.session.commit()
        return True
    document = make_invoice(profile, day, summary)
    run.document_id = document.id
    profile.invoices_created += 1
    log_activity(profile.customer, None, "recurring.invoiced",
                 subject=document.number or day.isoformat())  # fmt: skip
    _advance(profile, day, summary)
    db.session.commit()
    summary.created += 1
    return True


def _advance(profile: RecurringInvoice, day: date, summary: RunSummary) -> None:
    """The next date after `day`, or the end of the schedule."""
    following = date_after(profile.start_date, profile.interval_count, profile.interval_unit, day)
    if has_ended(profile, following):
        _end(profile, summary)
    else:
        profile.next_date = following
    db.session.flush()


def _end(profile: RecurringInvoice, summary: RunSummary) -> None:
    profile.active, profile.next_date = False, None
    summary.ended += 1


def make_invoice(profile: RecurringInvoice, day: date, summary: RunSummary) -> Document:
    """The invoice of `day` from the profile as it stands now, saved as any invoice is; in
    "send" mode issued (numbered and dated `day`) and emailed to the contacts who receive
    invoices."""
    defaults = customer_defaults(profile.customer)
    currency_id = db.session.scalar(
        select(Currency.id).where(Currency.code == profile.currency_code)
    )
    items = [
        ItemInput(description=i.description, quantity=i.quantity, rate=i.rate, unit=i.unit,
                  long_description=i.long_description,
                  tax_ids=[t.tax_rate_id for t in i.taxes if t.tax_rate_id])
        for i in profile.items
    ]  # fmt: skip
    data = DocumentInput(
        customer_id=profile.customer_id, issue_date=day, due_date=default_due_date("invoice", day),
        currency_id=currency_id, language=profile.language, billing=defaults["billing"],
        include_shipping=defaults["include_shipping"], shipping=defaults["shipping"],
        items=items, discount_type=profile.discount_type, discount_value=profile.discount_value,
        discount_before_tax=profile.discount_before_tax, notes=profile.notes, terms=profile.terms,
    )  # fmt: skip
    document = save_document(None, "invoice", data, None)  # the run sees every customer
    document.created_by_id = profile.created_by_id
    if profile.mode == "send":
        issue(document, day)
        summary.issued += 1
        summary.emailed += send_document(document, None)
    return document


def profile_of(document: Document) -> RecurringInvoice | None:
    """The recurring invoice that made this invoice, if any (and not deleted)."""
    return db.session.scalar(
        select(RecurringInvoice)
        .join(RecurringRun, RecurringRun.profile_id == RecurringInvoice.id)
        .where(RecurringRun.document_id == document.id)
    )
