"""The recurring invoices' rules: the billing command refuses a day after today; edits keep the
next date unless the schedule changes; a resume says which dates were skipped while paused; a
deactivated customer's profiles make nothing and skip, once activated again, what passed; every
change and every invoice made is in the customer's activity log."""

import html
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import Document, RecurringInvoice
from app.services.sales.reminder_schedule import company_today
from tests.factories import make_customer, make_recurring


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def fresh(profile) -> RecurringInvoice:
    db.session.expire_all()
    return db.session.get(RecurringInvoice, profile.id)


def invoice_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Document))


def billing_run(app, *args):
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["billing", "run", *args])
    return result.exit_code, result.output


def test_the_billing_command_refuses_a_day_after_today(app, ctx):
    today = company_today()
    make_recurring(make_customer(), start_date=today, interval_unit="day")
    tomorrow = (today + timedelta(days=1)).isoformat()
    code, output = billing_run(app, "--date", tomorrow)
    assert code != 0
    assert f"{tomorrow} is after today ({today.isoformat()}, company time zone)" in output
    assert invoice_count() == 0
    code, output = billing_run(app, "--date", today.isoformat())
    assert code == 0 and "1 invoice(s) created" in output
    assert invoice_count() == 1
