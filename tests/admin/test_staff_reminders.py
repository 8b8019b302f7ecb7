"""Staff reminders on a customer and its records: set (in the typist's time zone, never
guessed), refused beside the field, snoozed, done; who may see and change them; the dashboard's
My reminders card."""

import html
from datetime import date, datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app.extensions import db
from app.models import Reminder
from app.models.types import utcnow
from app.services.customers.service import delete_customer
from app.services.sales.service import save_document
from tests.factories import (
    document_input,
    make_admin,
    make_contact,
    make_contract,
    make_customer,
    make_document,
    make_reminder,
    make_ticket,
    make_user,
)
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

HX = {"HX-Request": "true"}
PARIS = ZoneInfo("Europe/Paris")  # the firm's default time zone


def section(customer) -> str:
    return f"/admin/customers/{customer.id}/reminders"


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Reminder))


def _later(days=30) -> date:
    return date.today() + timedelta(days=days)


def test_a_reminder_is_set_for_a_colleague_at_a_local_time(client, ctx, login_as):
    me = make_admin(name="Anne Admin")
    claire = make_user(name="Claire Martin")
    login_as(me)
    customer = make_customer(company="Boulangerie Martin")
    url = section(customer)
    day = _later()
    data = {"description": "Call about the renewal", "user_id": str(claire.id),
            "day": day.isoformat(), "at": "09:00", "email": "y"}  # fmt: skip
    response = client.post_form(url, data, token_from=url, headers=HX)
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert "Call about the renewal" in page and "For Claire Martin" in page
    reminder = db.session.scalar(select(Reminder))
    expected = datetime.combine(day, datetime.min.time().replace(hour=9), tzinfo=PARIS)
    assert reminder.due_at == expected.astimezone(ZoneInfo("UTC"))
    assert (reminder.user_id, reminder.created_by_id, reminder.email) == (claire.id, me.id, True)
    assert reminder.customer_id == customer.id and reminder.document_id is None


def test_my_own_time_zone_is_the_one_typed_in(client, ctx, login_as):
    me = make_admin(timezone="America/New_York")
    login_as(me)
    customer = make_customer()
    url = section(customer)
    day = _later()
    client.post_form(url, {"description": "Call", "user_id": str(me.id), "day": day.isoformat(),
                           "at": "09:00"}, token_from=url)  # fmt: skip
    reminder = db.session.scalar(select(Reminder))
    local = reminder.due_at.astimezone(ZoneInfo("America/New_York"))
    assert (local.date(), local.hour, local.minute) == (day, 9, 0)


def test_bad_reminders_are_refused_beside_the_field_and_nothing_is_written(client, ctx, login_as):
    me = make_admin()
    gone = make_user(active=False)
    login_as(me)
    url = section(make_customer())
    good = {
        "description": "Call",
        "user_id": str(me.id),
        "day": _later().isoformat(),
        "at": "09:00",
    }
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    for change, message in (
        ({"description": "   "}, "Describe the reminder."),
        ({"description": "x" * 501}, "Use at most 500 characters."),
        ({"day": yesterday}, "Choose a date and time in the future."),
        ({"day": ""}, "Enter a date and a time."),
        ({"at": ""}, "Enter a date and a time."),
        ({"day": "12/03/2027"}, "Not a valid date value."),
        ({"at": "9h"}, "Not a valid time value."),
        ({"day": "0202-03-12"}, "Enter a date between 2000 and 2100."),
        ({"user_id": str(gone.id)}, "Choose an active staff member."),
        ({"user_id": "999999"}, "Choose an active staff member."),
        ({"user_id": "abc"}, "Choose an active staff member."),
        # 2:30 does not exist in Paris on the last Sunday of March 2027 (clocks go forward)
        ({"day": "2027-03-28", "at": "02:30"}, "skipped or repeated"),
    ):
        response = client.post_form(url, {**good, **change}, token_from=url, headers=HX)
        assert response.status_code == 422, change
        assert message in html.unescape(response.get_data(as_text=True)), change
    assert _count() == 0


def test_snooze_an_hour_tomorrow_morning_or_to_a_chosen_time_and_mark_done(client, ctx, login_as):
    me = make_admin()
    login_as(me)
    customer = make_customer()
    reminder = make_reminder(customer, user=me, due=utcnow() - timedelta(hours=2))
    url = f"/admin/reminders/{reminder.id}"
    response = client.post_form(f"{url}/snooze", {"choice": "hour"}, token_from=section(customer))
    assert response.status_code == 303
    db.session.refresh(reminder)
    assert timedelta(minutes=59) < reminder.due_at - utcnow() <= timedelta(hours=1)
    client.post_form(f"{url}/snooze", {"choice": "tomorrow"}, token_from=section(customer))
    db.session.refresh(reminder)
    local = reminder.due_at.astimezone(PARIS)
    assert (local.date(), local.hour) == (datetime.now(PARIS).date() + timedelta(days=1), 9)
    day = _later(3)
    data = {"choice": "at", f"r{reminder.id}-day": day.isoformat(), f"r{reminder.id}-at": "14:30"}
    client.post_form(f"{url}/snooze", data, token_from=section(customer))
    db.session.refresh(reminder)
    assert reminder.due_at.astimezone(PARIS).replace(tzinfo=None) == datetime.combine(
        day, datetime.min.time().replace(hour=14, minute=30)
    )
    past = {"choice": "at", f"r{reminder.id}-day": "2020-01-01", f"r{reminder.id}-at": "10:00"}
    refused = client.post_form(f"{url}/snooze", past, token_from=section(customer), headers=HX)
    assert refused.status_code == 422
    assert "Choose a date and time in the future." in html.unescape(refused.get_data(as_text=True))
    response = client.post_form(f"{url}/done", {}, token_from=section(customer), headers=HX)
    assert response.status_code == 200 and "No reminders." in response.get_data(as_text=True)
    db.session.refresh(reminder)
    assert reminder.done_at is not None


def test_reminders_on_an_invoice_estimate_contract_and_ticket(client, ctx, login_as):
    me = make_admin()
    login_as(me)
    customer = make_customer(company="Acme")
    records = {
        "invoices": make_document(customer, kind="invoice", status="unpaid"),
        "estimates": make_document(customer, kind="estimate", status="sent"),
        "contracts": make_contract(customer, subject="Maintenance"),
        "tickets": make_ticket(make_contact(customer), subject="Printer"),
    }
    for path, record in records.items():
        url = f"/admin/{path}/{record.id}/reminders"
        data = {"description": f"About {path}", "user_id": str(me.id),
                "day": _later(2).isoformat(), "at": "10:00"}  # fmt: skip
        assert client.post_form(url, data, token_from=url).status_code == 303
        page = client.get(url).get_data(as_text=True)
        assert f"About {path}" in page
        detail = client.get(f"/admin/{path}/{record.id}").get_data(as_text=True)
        assert url in detail  # the record's page loads its Reminders section
    # Each record lists its own reminders only; the customer's section none of them.
    assert "About invoices" not in client.get(section(customer)).get_data(as_text=True)
    card = html.unescape(client.get("/admin/reminders").get_data(as_text=True))
    assert "Maintenance · Acme" in card and f"#{records['tickets'].id} Printer · Acme" in card
    assert f"/admin/invoices/{records['invoices'].id}" in card
    # Deleting a record takes its reminders with it; so does deleting a customer.
    db.session.delete(records["contracts"])
    db.session.commit()
    assert _count() == 3
    other = make_customer()
    make_reminder(other)
    delete_customer(other)
    db.session.commit()
    assert _count() == 3


def test_my_reminders_card_overdue_first_then_the_next_seven_days(client, ctx, login_as):
    me = make_user(name="Me")
    login_as(me)
    customer = make_customer()
    make_reminder(customer, user=me, due=utcnow() + timedelta(days=2), description="Soon")
    make_reminder(customer, user=me, due=utcnow() - timedelta(days=1), description="Late")
    make_reminder(customer, user=me, due=utcnow() + timedelta(days=9), description="Far")
    make_reminder(customer, user=make_user(), due=utcnow(), description="Someone else's")
    done = make_reminder(customer, user=me, due=utcnow(), description="Finished")
    done.done_at = utcnow()
    db.session.commit()
    assert "/admin/reminders" in client.get("/admin/").get_data(as_text=True)
    card = client.get("/admin/reminders", headers=HX).get_data(as_text=True)
    assert card.index("Late") < card.index("Soon") and card.count("Overdue") == 1
    assert "Far" not in card and "Someone else" not in card and "Finished" not in card


def test_only_the_creator_the_reminded_person_and_administrators_change_a_reminder(
    client, ctx, login_as
):
    author, reminded, colleague = make_user(), make_user(), make_user()
    customer = make_customer()
    reminder = make_reminder(customer, user=reminded, by=author, description="Shared")
    url = f"/admin/reminders/{reminder.id}"
    login_as(colleague)
    page = client.get(section(customer)).get_data(as_text=True)
    assert "Shared" in page and f"{url}/done" not in page
    for action in ("/done", "/snooze"):
        response = client.post_form(url + action, {"choice": "hour"}, token_from="/admin/")
        assert response.status_code == 404
    for person in (author, reminded):
        login_as(person)
        assert f"{url}/done" in client.get(section(customer)).get_data(as_text=True)
        assert client.post_form(f"{url}/snooze", {"choice": "hour"},
                                token_from="/admin/").status_code == 303  # fmt: skip


def test_view_own_staff_see_and_add_reminders_on_their_customers_only(client, ctx, login_as):
    seller = make_user(role="sales")
    mine, theirs = make_customer(admins=[seller]), make_customer()
    hidden = make_reminder(theirs, user=seller, description="Not yours")
    login_as(seller)
    data = {"description": "Call", "user_id": str(seller.id), "day": _later().isoformat(),
            "at": "09:00"}  # fmt: skip
    assert client.post_form(section(mine), data, token_from=section(mine)).status_code == 303
    assert client.get(section(theirs)).status_code == 404
    assert client.post_form(section(theirs), data, token_from=section(mine)).status_code == 404
    for action in ("/done", "/snooze"):
        response = client.post_form(f"/admin/reminders/{hidden.id}{action}", {"choice": "hour"},
                                    token_from=section(mine))  # fmt: skip
        assert response.status_code == 404
    assert "Not yours" not in client.get("/admin/reminders").get_data(as_text=True)
    assert _count() == 2


def test_read_only_staff_see_reminders_but_cannot_add(client, ctx, login_as):
    reader = make_user(role=(("customers", "view_all"),))
    customer = make_customer()
    make_reminder(customer, description="Readable")
    login_as(reader)
    url = section(customer)
    assert "Readable" in client.get(url).get_data(as_text=True)
    data = {"description": "No", "user_id": str(reader.id), "day": _later().isoformat(),
            "at": "09:00"}  # fmt: skip
    assert client.post_form(url, data, token_from=url).status_code == 403
    assert _count() == 1


def test_one_form_posted_twice_at_once_sets_one_reminder(app, ctx):
    customer = make_customer()
    browsers = _browsers(app, 2)
    url = section(customer)
    data = {"description": "Double click", "user_id": str(make_user().id),
            "day": _later().isoformat(), "at": "09:00", "form_key": uuid4().hex}  # fmt: skip
    results = _at_once(browsers, [(url, data), (url, data)])
    assert sorted(status for _url, status, _page in results) == [303, 303]
    assert _count() == 1
    # Posted again later (a reload of the refused page, a third click): still one.
    browser, token = browsers[0]
    assert browser.post(url, data={"csrf_token": token, **data}).status_code == 303
    assert _count() == 1


def test_the_card_answers_its_own_buttons_and_unknown_reminders_are_404(client, ctx, login_as):
    me = make_user()
    login_as(me)
    customer = make_customer(admins=[me])
    reminder = make_reminder(customer, user=me, due=utcnow() - timedelta(hours=1),
                             description="From the card")  # fmt: skip
    url = f"/admin/reminders/{reminder.id}"
    snoozed = client.post_form(f"{url}/snooze", {"choice": "hour", "on": "card"},
                               token_from="/admin/", headers=HX)  # fmt: skip
    assert snoozed.status_code == 200
    card = snoozed.get_data(as_text=True)
    assert 'id="my-reminders"' in card and "From the card" in card and "Overdue" not in card
    done = client.post_form(f"{url}/done", {"on": "card"}, token_from="/admin/", headers=HX)
    assert "No reminders for the next 7 days." in done.get_data(as_text=True)
    again = client.post_form(f"{url}/snooze", {"choice": "hour"}, token_from="/admin/", headers=HX)
    assert again.status_code == 422  # a done reminder is not snoozed back to life
    db.session.refresh(reminder)
    assert reminder.done_at is not None
    for action in ("/done", "/snooze"):
        missing = client.post_form(f"/admin/reminders/999999{action}", {"choice": "hour"},
                                   token_from="/admin/")  # fmt: skip
        assert missing.status_code == 404
    assert client.get(f"{url}/snooze").status_code == 303  # a reload of a refused snooze


def test_a_draft_moved_to_another_customer_takes_its_reminders_along(ctx):
    """The reminder follows the draft: the new customer decides who sees it, and deleting the
    old customer (which has no transactions left) does not delete it."""
    before, after = make_customer(company="Before SA"), make_customer(company="After SA")
    draft = make_document(before, kind="invoice", status="draft")
    reminder = make_reminder(draft, description="Check the quantities")
    save_document(draft, "invoice", document_input(draft, customer_id=after.id), make_admin())
    db.session.commit()
    delete_customer(before)
    db.session.commit()
    db.session.expire_all()
    moved = db.session.get(Reminder, reminder.id)
    assert moved is not None and moved.customer_id == after.id
