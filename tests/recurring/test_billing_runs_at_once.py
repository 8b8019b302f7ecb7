"""Two billing runs at once, and a run killed midway then started again, make each invoice
exactly once (SQLite and PostgreSQL)."""

import signal
import subprocess
import sys
import threading
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import Document, RecurringRun
from app.services.recurring.run import run_due
from app.services.sales.reminder_schedule import company_today
from tests.factories import make_customer, make_recurring
from tests.jobs.conftest import ROOT, app_env, wait_for

START = date(2027, 1, 31)
DAY = date(2027, 6, 1)  # five dates each: 31 Jan, 28 Feb, 31 Mar, 30 Apr, 31 May


def _profiles(count: int, weekly_until: date | None = None) -> None:
    """`count` profiles of five dates each by DAY (monthly from START), or by `weekly_until`
    (weekly from four weeks before it: the command refuses a day after today)."""
    for _ in range(count):
        if weekly_until is None:
            make_recurring(make_customer(), start_date=START, today=START)
        else:
            start = weekly_until - timedelta(weeks=4)
            make_recurring(make_customer(), start_date=start, today=start, interval_unit="week")


def _counts() -> tuple[int, int, int]:
    """(invoices, run rows, distinct profile-and-date pairs among the invoices' runs)."""
    db.session.expire_all()
    invoices = db.session.scalar(select(func.count()).select_from(Document))
    runs = db.session.scalar(select(func.count()).select_from(RecurringRun))
    pairs = db.session.scalar(select(func.count()).select_from(
        select(RecurringRun.profile_id, RecurringRun.run_date).distinct().subquery()))  # fmt: skip
    return invoices, runs, pairs


def _each_invoice_linked_once() -> None:
    linked = db.session.scalars(select(RecurringRun.document_id)).all()
    assert None not in linked and len(set(linked)) == len(linked)


def test_two_runs_at_once_make_each_invoice_once(app, ctx):
    _profiles(4)
    barrier, summaries = threading.Barrier(3), []

    def run():
        with app.app_context():
            barrier.wait(10)
            summaries.append(run_due(DAY))
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(s.created for s in summaries) == 20
    assert sum(s.failed for s in summaries) == 0
    assert _counts() == (20, 20, 20)
    _each_invoice_linked_once()


def test_a_limited_run_then_another_make_the_rest_once(app, ctx):
    _profiles(3)
    assert run_due(DAY, limit=7).created == 7
    assert _counts() == (7, 7, 7)
    assert run_due(DAY).created == 8
    assert _counts() == (15, 15, 15)
    _each_invoice_linked_once()


def _billing_run(app, tmp_path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "billing", "run", "--date",
         company_today().isoformat()],
        cwd=ROOT, env=app_env(app, tmp_path / "queue.db"), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_a_run_killed_midway_then_restarted_makes_the_rest_once(app, ctx, tmp_path):
    _profiles(12, weekly_until=company_today())
    process = _billing_run(app, tmp_path)
    assert wait_for(lambda: _counts()[0] >= 3, 60), process.communicate()
    process.send_signal(signal.SIGKILL)
    process.communicate()
    invoices, runs, _pairs = _counts()
    assert 3 <= invoices < 60  # killed midway
    assert invoices == runs  # each invoice with its run row: never one without the other
    process = _billing_run(app, tmp_path)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert f"{60 - invoices} invoice(s) created" in out
    assert _counts() == (60, 60, 60)
    _each_invoice_linked_once()
    second = _billing_run(app, tmp_path)
    assert "0 invoice(s) created" in second.communicate(timeout=60)[0]
