"""The worker makes recurring invoices hourly (the same run as `billing run`); a profile that
cannot make its invoice does not stop the others."""

from datetime import date, datetime

from sqlalchemy import func, select

from app.extensions import db
from app.jobs import in_job_context
from app.jobs.tasks import PERIODIC
from app.models import Document, RecurringInvoice
from app.services.recurring.run import run_due
from tests.factories import make_customer, make_recurring


def test_the_run_is_an_hourly_periodic_job(app):
    moment = datetime(2026, 12, 2, 9, 15)
    assert "recurring_invoices" in {t.name for t in app.extensions["huey"].read_periodic(moment)}


def test_the_job_run_twice_makes_todays_invoice_once(app, ctx):
    make_recurring(make_customer())  # starts today
    job = in_job_context(app, PERIODIC["recurring_invoices"][1])
    job()
    job()
    assert db.session.scalar(select(func.count()).select_from(Document)) == 1


def test_a_broken_profile_does_not_stop_the_others(app, ctx):
    start = date(2027, 1, 31)
    broken = make_recurring(make_customer(), start_date=start, today=start)
    make_recurring(make_customer(), start_date=start, today=start)
    broken.language = "xx"  # a language no longer shipped: the invoice is refused
    db.session.commit()
    summary = run_due(start)
    assert (summary.created, summary.failed) == (1, 1)
    db.session.expire_all()
    assert db.session.get(RecurringInvoice, broken.id).next_date == start  # tried again later
