"""The scheduler's periodic tasks are registered, and each does its work once when run twice."""

from datetime import date, datetime, timedelta

from app.jobs import in_job_context
from app.jobs.tasks import PERIODIC
from tests.factories import make_admin, make_contract, make_customer
from tests.jobs.conftest import run_queued


def test_the_sweep_runs_every_minute_and_the_reminders_hourly(app):
    def due_at(minute: int) -> set[str]:
        moment = datetime(2026, 12, 2, 9, minute)
        return {task.name for task in app.extensions["huey"].read_periodic(moment)}

    every_minute = {"sweep_outbox", "sweep_attachments", "staff_reminders", "resume_imports"}
    assert due_at(5) == every_minute | {"contract_reminders"}
    assert due_at(6) == every_minute


def test_contract_reminders_run_twice_remind_once(app, ctx, inbox, queue):
    make_admin(email="boss@example.com")
    soon = make_contract(make_customer(), subject="Soon", end_date=date.today() + timedelta(7))
    reminders = in_job_context(app, PERIODIC["contract_reminders"][1])
    reminders()
    reminders()
    assert run_queued(queue) == ["deliver_message"]  # one email, delivered by a worker
    message = inbox.only()
    assert message["To"] == "boss@example.com"
    assert (
        f"https://crm.example.com/admin/contracts/{soon.id}"
        in message.get_body(("plain",)).get_content()
    )
