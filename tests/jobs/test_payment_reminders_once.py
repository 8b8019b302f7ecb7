"""A payment reminder goes once per invoice and stage: the hourly job run twice, two runs at the
same moment, and `billing remind` killed midway then run again."""

import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.jobs import in_job_context
from app.jobs.tasks import PERIODIC
from app.models import OutboxMessage, PaymentReminder
from app.services.sales.reminder_schedule import company_today
from app.services.sales.reminders import send_payment_reminders
from tests.factories import make_contact, make_customer, make_document
from tests.jobs.conftest import ROOT, app_env, run_queued, wait_for


def _late_invoices(count: int, contacts: int = 1) -> list[int]:
    """`count` invoices whose first reminder (7 days after the due date) is due today."""
    due = company_today() - timedelta(days=7)
    ids = []
    for _ in range(count):
        customer = make_customer()
        for _ in range(contacts):
            make_contact(customer, perm_invoices=True)
        ids.append(make_document(customer, status="unpaid", due_date=due).id)
    return ids


def _count(model, **where) -> int:
    db.session.expire_all()
    query = select(func.count()).select_from(model).filter_by(**where)
    return db.session.scalar(query)


def _reminders_per_invoice() -> list[tuple[int, str, int]]:
    db.session.expire_all()
    rows = select(PaymentReminder.invoice_id, PaymentReminder.stage, func.count())
    return list(db.session.execute(rows.group_by(PaymentReminder.invoice_id,
                                                 PaymentReminder.stage)))  # fmt: skip


def test_the_hourly_job_runs_at_twenty_five_past_and_twice_reminds_once(app, ctx, inbox, queue):
    def due_at(minute: int) -> set[str]:
        moment = datetime(2026, 12, 2, 9, minute)
        return {task.name for task in app.extensions["huey"].read_periodic(moment)}

    assert "payment_reminders" in due_at(25) and "payment_reminders" not in due_at(26)
    (invoice_id,) = _late_invoices(1)
    job = in_job_context(app, PERIODIC["payment_reminders"][1])
    job()
    job()
    assert run_queued(queue) == ["deliver_message"]  # one email, delivered by a worker
    assert inbox.only()["Subject"].startswith("Payment reminder: invoice")
    assert _reminders_per_invoice() == [(invoice_id, "after_1", 1)]


def test_two_runs_at_the_same_moment_send_each_reminder_once(app, ctx, inbox):
    invoices = _late_invoices(4, contacts=2)
    today = company_today()
    barrier, errors = threading.Barrier(2), []

    def run():
        try:
            with app.app_context():
                barrier.wait(10)
                send_payment_reminders(today)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(_reminders_per_invoice()) == [(i, "after_1", 1) for i in invoices]
    assert _count(OutboxMessage, kind="payment_reminder_after") == 8  # 4 invoices × 2 contacts
    assert wait_for(lambda: len(inbox.messages) == 8, 20)
    assert len({m["To"].addresses[0].addr_spec for m in inbox.messages}) == 8


def test_a_run_killed_midway_then_started_again_sends_each_reminder_once(app, ctx, tmp_path):
    invoices = _late_invoices(30)
    env = app_env(app, tmp_path / "queue.db", BASE_URL=app.config["BASE_URL"])
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "billing", "remind"]
    run = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert wait_for(lambda: _count(PaymentReminder) >= 2, 60), run.stderr.read()
        run.send_signal(signal.SIGKILL)
        run.communicate()
    finally:
        if run.poll() is None:
            run.kill()
    done = _count(PaymentReminder)
    assert 2 <= done < len(invoices)  # killed midway
    # What it committed is whole: each reminder with its email (and its PDF).
    assert _count(OutboxMessage, kind="payment_reminder_after") == done
    assert send_payment_reminders() == len(invoices) - done  # the rest, once
    assert send_payment_reminders() == 0
    assert sorted(_reminders_per_invoice()) == [(i, "after_1", 1) for i in invoices]
    assert _count(OutboxMessage, kind="payment_reminder_after") == len(invoices)
