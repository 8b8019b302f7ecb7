"""A worker cut short after two chunks: what it committed is whole customers, and the import
resumes from rows_done without making any customer twice."""

import gc

from sqlalchemy import func, select

from app.extensions import db
from app.models import Contact, Customer, CustomerImport, ImportChange
from app.services.imports import runs
from app.services.imports.runs import run_import, stale_imports, start_import
from tests.imports.helpers import checked, uploaded


def _rows(n):
    return [[f"Firm {i}", "", "FR", "", "Ann", f"Lee{i}", f"ann{i}@firm.fr", f"F{i}"]
            for i in range(n)]  # fmt: skip


def test_a_run_cut_after_two_chunks_resumes_where_it_stopped(app, ctx, monkeypatch):
    monkeypatch.setattr(runs, "CHUNK", 3)
    import_id = uploaded(_rows(10), key="external_id")
    start_import(checked(import_id))
    db.session.commit()
    run_import(import_id, stop_after=2)  # the worker dies after its second chunk's commit
    db.session.remove()
    imp = db.session.get(CustomerImport, import_id)
    assert (imp.status, imp.rows_done, imp.created) == ("running", 6, 6)
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 6
    assert db.session.scalar(select(func.count()).select_from(Contact)) == 6
    imp.heartbeat_at = imp.heartbeat_at - runs.STALE * 2
    db.session.commit()
    assert stale_imports() == [import_id]
    db.session.remove()
    result = app.test_cli_runner().invoke(args=["imports", "resume"])
    assert "1 import(s) resumed" in result.output
    run_import(import_id)  # a second worker given the same job: nothing left to do
    db.session.expire_all()
    imp = db.session.get(CustomerImport, import_id)
    assert (imp.status, imp.created, imp.rows_done) == ("done", 10, 10)
    companies = list(db.session.scalars(select(Customer.company).order_by(Customer.id)))
    assert companies == [f"Firm {i}" for i in range(10)]
    assert db.session.scalar(select(func.count()).select_from(ImportChange)) == 20


def test_the_minute_sweep_hands_a_stopped_import_to_a_worker(app, ctx, queue, monkeypatch):
    from app.jobs import in_job_context
    from app.jobs.tasks import PERIODIC
    from tests.jobs.conftest import run_queued

    monkeypatch.setattr(runs, "CHUNK", 4)
    import_id = uploaded(_rows(6), key="external_id")
    start_import(checked(import_id))
    db.session.commit()
    run_import(import_id, stop_after=1)
    imp = db.session.get(CustomerImport, import_id)
    imp.heartbeat_at = imp.heartbeat_at - runs.STALE * 2
    db.session.commit()
    sweep = in_job_context(app, PERIODIC["resume_imports"][1])
    sweep()
    assert run_queued(queue) == ["run_import"]
    db.session.expire_all()
    imp = db.session.get(CustomerImport, import_id)
    assert (imp.status, imp.created) == ("done", 6)
    sweep()
    assert run_queued(queue) == []


def test_runs_leave_the_process_garbage_collector_as_they_found_it(app, ctx, monkeypatch):
    """A run freezes what the process held (so full collections skip it) and puts it back:
    a worker that imports then does other jobs collects its garbage as before."""
    monkeypatch.setattr(runs, "CHUNK", 3)
    import_id = uploaded(_rows(7), key="external_id")
    start_import(checked(import_id))
    assert gc.get_freeze_count() == 0
    db.session.commit()
    run_import(import_id, stop_after=1)
    assert gc.get_freeze_count() == 0
    run_import(import_id)
    assert gc.get_freeze_count() == 0
    assert db.session.get(CustomerImport, import_id).created == 7
