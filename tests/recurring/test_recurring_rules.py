"""The recurring invoices' rules: the billing command refuses a day after today; edits keep the
next date unless the schedule changes; a resume says which dates were skipped while paused; a
deactivated customer's profiles make nothing and skip, once activated again, what passed; every
change and every invoice made is in the customer's activity log."""

import html
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from app.extensions import db
from app.i18n import format_day
from app.models import Currency, Document, RecurringInvoice
from app.services.recurring.run import run_due
from app.services.sales.reminder_schedule import company_today
from tests.factories import make_admin, make_currency, make_customer, make_recurring


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


def _weekly(customer, weeks_ago: int) -> RecurringInvoice:
    """A weekly profile that started `weeks_ago` weeks ago, its first invoice then, none made."""
    start = date.today() - timedelta(weeks=weeks_ago)
    return make_recurring(customer, start_date=start, today=start, interval_unit="week")


def _form(customer, profile, **overrides) -> dict:
    data = {
        "customer_id": str(customer.id),
        "currency_id": str(db.session.scalar(select(Currency.id).where(Currency.code == "EUR"))),
        "language": "en", "interval_count": "1", "interval_unit": "week",
        "start_date": profile.start_date.isoformat() if profile else None,
        "end_type": "never", "mode": "draft",
        "items-0-description": "Retainer", "items-0-quantity": "2", "items-0-rate": "450",
        "discount_type": "none", "discount_value": "0", "discount_before_tax": "y",
    }  # fmt: skip
    return {k: v for k, v in {**data, **overrides}.items() if v is not None}


def test_editing_lines_keeps_the_next_date_and_a_new_interval_counts_from_the_schedule(
    app, client, ctx, login_as
):
    login_as(make_admin())
    customer = make_customer()
    profile = _weekly(customer, 5)
    start = profile.start_date
    run_due(start)  # the first invoice; the four weeks since are still to be made
    assert fresh(profile).next_date == start + timedelta(weeks=1)
    url = f"/admin/recurring-invoices/{profile.id}/edit"
    saved = client.post_form(url, _form(customer, profile, **{"items-0-rate": "500"}),
                             token_from="/admin/")  # fmt: skip
    assert saved.status_code == 303
    assert fresh(profile).next_date == start + timedelta(weeks=1)  # not today
    assert fresh(profile).total == Decimal("1000.00")
    saved = client.post_form(url, _form(customer, profile, interval_count="2"),
                             token_from="/admin/")  # fmt: skip
    assert saved.status_code == 303
    assert fresh(profile).next_date == start + timedelta(weeks=2)  # the new schedule's next
    assert run_due(date.today()).created == 2  # weeks 2 and 4 caught up
    assert fresh(profile).next_date == start + timedelta(weeks=6)


def test_a_resume_names_the_dates_skipped_while_paused(app, client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    profile = _weekly(customer, 3)
    start = profile.start_date
    run_due(start)
    url = f"/admin/recurring-invoices/{profile.id}"
    assert client.post_form(f"{url}/pause", token_from="/admin/").status_code == 303
    resumed = client.post_form(f"{url}/resume", token_from="/admin/")
    page = page_text(client.get(resumed.headers["Location"]))
    with app.test_request_context():
        dates = ", ".join(format_day(start + timedelta(weeks=n)) for n in (1, 2))
    assert (
        "Recurring invoice resumed. No invoice is made for the 2 dates skipped while it was "
        f"paused: {dates}." in page
    )
    assert fresh(profile).next_date == date.today()  # week 3 is today: made
    assert run_due(date.today()).created == 1
    assert invoice_count() == 2
    activity = page_text(client.get(f"/admin/customers/{customer.id}/activity"))
    assert "resumed a recurring invoice" in activity and "Next invoice date" in activity


def test_a_resume_without_skipped_dates_says_so_plainly(app, client, ctx, login_as):
    login_as(make_admin())
    profile = make_recurring(make_customer())  # monthly from today: nothing passes
    url = f"/admin/recurring-invoices/{profile.id}"
    client.post_form(f"{url}/pause", token_from="/admin/")
    resumed = client.post_form(f"{url}/resume", token_from="/admin/")
    page = page_text(client.get(resumed.headers["Location"]))
    assert "Recurring invoice resumed." in page and "skipped" not in page


def test_a_deactivated_customers_profiles_make_nothing_and_skip_what_passed(
    app, client, ctx, login_as
):
    login_as(make_admin())
    customer = make_customer()
    profile = _weekly(customer, 2)
    toggle = f"/admin/customers/{customer.id}/active"
    assert client.post_form(toggle, {"active": "0"}, token_from="/admin/").status_code == 303
    assert run_due(date.today()).created == 0
    assert fresh(profile).next_date == profile.start_date  # it did not move on either
    page = page_text(client.get(f"/admin/recurring-invoices/{profile.id}"))
    assert "Not running: the customer is deactivated." in page
    assert client.post_form(toggle, {"active": "1"}, token_from="/admin/").status_code == 303
    assert fresh(profile).next_date == date.today()  # the two weeks inactive are skipped
    page = page_text(client.get(f"/admin/recurring-invoices/{profile.id}"))
    assert "Not running" not in page
    assert run_due(date.today()).created == 1
    activity = page_text(client.get(f"/admin/customers/{customer.id}/activity"))
    assert "skipped the dates of a recurring invoice that passed while the customer" in activity


def test_every_change_and_every_invoice_made_is_in_the_activity_log(app, client, ctx, login_as):
    login_as(make_admin())
    customer, _euro = make_customer(), make_currency()
    today = date.today()
    made = client.post_form("/admin/recurring-invoices/new",
                            _form(customer, None, start_date=today.isoformat()),
                            token_from="/admin/")  # fmt: skip
    assert made.status_code == 303
    url = made.headers["Location"]
    profile = db.session.scalar(select(RecurringInvoice))
    client.post_form(f"{url}/edit", _form(customer, profile, **{"items-0-rate": "500"}),
                     token_from="/admin/")  # fmt: skip
    run_due(today)
    number = db.session.scalar(select(Document.issue_date))
    client.post_form(f"{url}/pause", token_from="/admin/")
    client.post_form(f"{url}/resume", token_from="/admin/")
    client.post_form(f"{url}/delete", token_from="/admin/")
    activity = page_text(client.get(f"/admin/customers/{customer.id}/activity"))
    for label in ("created a recurring invoice", "changed a recurring invoice",
                  "made an invoice from a recurring invoice", "paused a recurring invoice",
                  "resumed a recurring invoice", "deleted a recurring invoice"):  # fmt: skip
        assert label in activity, label
    assert "€1,000.00 · Every week" in activity and number.isoformat() in activity


def test_a_paused_profile_given_a_new_interval_resumes_on_the_new_schedule(
    app, client, ctx, login_as
):
    login_as(make_admin())
    customer = make_customer()
    profile = _weekly(customer, 5)
    start = profile.start_date
    run_due(start)
    url = f"/admin/recurring-invoices/{profile.id}"
    client.post_form(f"{url}/pause", token_from="/admin/")
    edited = client.post_form(f"{url}/edit", _form(customer, profile, interval_count="2"),
                              token_from="/admin/")  # fmt: skip
    assert edited.status_code == 303
    assert fresh(profile).next_date == start + timedelta(weeks=2) and not fresh(profile).active
    resumed = client.post_form(f"{url}/resume", token_from="/admin/")
    page = page_text(client.get(resumed.headers["Location"]))
    with app.test_request_context():
        dates = (
            format_day(start + timedelta(weeks=2)) + ", " + format_day(start + timedelta(weeks=4))
        )
    assert f"the 2 dates skipped while it was paused: {dates}." in page
    assert fresh(profile).next_date == start + timedelta(weeks=6)


def test_two_resumes_at_once_resume_once(app, ctx):
    from app.models import ActivityLog
    from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

    customer = make_customer()
    profile = _weekly(customer, 2)
    profile.active = False  # paused before its first invoice: two dates passed since
    db.session.commit()
    url = f"/admin/recurring-invoices/{profile.id}/resume"
    results = _at_once(_browsers(app, 2), [(url, {}), (url, {})])
    pages = [page for _url, _code, page in results]
    assert sum("dates skipped while it was paused" in page for page in pages) == 1
    assert sum("already active" in page for page in pages) == 1
    db.session.expire_all()
    logged = select(func.count()).where(ActivityLog.action == "recurring.resumed")
    assert db.session.scalar(logged) == 1
    assert fresh(profile).active and fresh(profile).next_date == date.today()
