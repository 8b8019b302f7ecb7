"""Due reminders emailed to the staff member they remind (in their language and time zone,
with a link to the record), exactly once whatever runs overlap; a snooze re-arms one."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.extensions import db
from app.jobs.tasks import PERIODIC
from app.models import OutboxMessage, Reminder
from app.models.types import utcnow
from app.services.reminders.queries import reminders_between
from app.services.reminders.sending import send_due_reminders
from app.services.reminders.service import snooze
from tests.factories import make_customer, make_document, make_reminder, make_user

UTC = ZoneInfo("UTC")


def _messages() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "reminder_staff").order_by(OutboxMessage.id)))  # fmt: skip


def test_a_due_reminder_is_emailed_in_the_staff_members_language_and_time_zone(app, ctx, inbox):
    claire = make_user(name="Claire Martin", email="claire@example.com", language="de",
                       timezone="Asia/Tokyo")  # fmt: skip
    customer = make_customer(company="Bäckerei Müller")
    invoice = make_document(customer, kind="invoice", status="unpaid")
    due = datetime(2026, 3, 12, 0, 0, tzinfo=UTC)  # 9:00 in Tokyo
    make_reminder(invoice, user=claire, due=due, description="Zahlung nachfassen", email=True)
    make_reminder(customer, user=claire, due=due, description="Not emailed")  # no "also email"
    result = app.test_cli_runner().invoke(args=["reminders"])
    assert result.exit_code == 0 and "1 staff reminder(s) emailed" in result.output
    [message] = [m for m in inbox.messages if m["To"] == "claire@example.com"]
    assert message["Subject"] == "Erinnerung: Zahlung nachfassen"
    body = message.get_body(("plain",)).get_content()
    assert "Hallo Claire" in body and "12.03.2026, 09:00" in body
    assert f"Rechnung {invoice.number} · Bäckerei Müller" in body
    assert f"/admin/invoices/{invoice.id}" in body


def test_runs_at_the_same_moment_email_each_reminder_once(app, ctx):
    reminded = make_user()
    customer = make_customer()
    for n in range(6):
        make_reminder(customer, user=reminded, due=utcnow() - timedelta(minutes=n),
                      description=f"Reminder {n}", email=True)  # fmt: skip
    barrier, counts = threading.Barrier(3), []

    def run():
        with app.app_context():
            barrier.wait(10)
            counts.append(send_due_reminders())
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 6 and len(_messages()) == 6
    assert sorted(m.subject for m in _messages()) == [f"Reminder: Reminder {n}" for n in range(6)]
    assert send_due_reminders() == 0  # the worker's next minute: nothing again


def test_a_snooze_re_arms_the_email_and_done_stops_it(app, ctx):
    reminder = make_reminder(make_customer(), due=utcnow() - timedelta(minutes=1), email=True)
    assert send_due_reminders() == 1
    snooze(reminder, utcnow() + timedelta(hours=1))
    db.session.commit()
    assert send_due_reminders() == 0  # not due yet
    snooze(reminder, utcnow() - timedelta(seconds=1))  # as if the hour had passed
    db.session.commit()
    assert send_due_reminders() == 1 and len(_messages()) == 2
    other = make_reminder(make_customer(), due=utcnow() - timedelta(minutes=1), email=True)
    other.done_at = utcnow()
    db.session.commit()
    assert send_due_reminders() == 0


def test_the_worker_runs_it_every_minute(app, ctx):
    schedule, function = PERIODIC["staff_reminders"]
    make_reminder(make_customer(), due=utcnow() - timedelta(minutes=1), email=True)
    function()
    function()
    assert len(_messages()) == 1


def test_reminders_between_gives_a_staff_members_window(app, ctx):
    me, other = make_user(), make_user()
    customer = make_customer(admins=[me])
    start = datetime(2027, 3, 1, tzinfo=UTC)
    inside = make_reminder(customer, user=me, due=start + timedelta(days=2))
    done = make_reminder(customer, user=me, due=start + timedelta(days=3))
    done.done_at = utcnow()
    make_reminder(customer, user=me, due=start + timedelta(days=8))
    make_reminder(customer, user=other, due=start + timedelta(days=2))
    db.session.commit()
    found = reminders_between(me, start, start + timedelta(days=7))
    assert [r.id for r in found] == [inside.id, done.id]
    assert all(isinstance(r, Reminder) for r in found)


def test_a_reminder_for_someone_who_no_longer_sees_its_customer_is_not_emailed(app, ctx, inbox):
    """A "view own" salesperson reminded about a customer that is not theirs (or no longer):
    the run claims the reminder but sends nothing, as their card and calendar leave it out."""
    sales = make_user(name="Sam Sales", email="sam@example.com", role="sales")
    secret = make_customer(company="Secret Corp")
    reminder = make_reminder(secret, user=sales, due=utcnow() - timedelta(minutes=1),
                             description="Negotiate the takeover price", email=True)  # fmt: skip
    assert send_due_reminders() == 0
    assert [m for m in inbox.messages if m["To"] == "sam@example.com"] == []
    db.session.expire_all()
    assert db.session.get(Reminder, reminder.id).notified_at is not None  # not tried again
