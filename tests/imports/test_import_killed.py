"""A worker killed for real midway (SIGKILL of a separate process running the import): what it
committed is whole customers, each once, `rows_done` at a chunk's end; the resume finishes the
file with the counts of a clean import of it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from app.extensions import db
from app.models import Contact, Customer, CustomerImport
from app.services.custom_fields.definitions import entity_fields
from app.services.custom_fields.values import record_values
from app.services.imports import runs
from app.services.imports.runs import start_import
from tests.factories import empty_database, make_custom_field
from tests.imports.helpers import HEADER, MAPPING, checked, imported, uploaded

ROWS = 400
CHUNK = 100  # rows per transaction (500 in production: the same code, a shorter test)
ROOT = Path(__file__).resolve().parents[2]
WORKER = """
import sys
from app import create_app
from app.config import config_for_tests
from app.services.imports import runs
url, port, instance, import_id, chunk = sys.argv[1:]
runs.CHUNK = int(chunk)
app = create_app({**config_for_tests(url, int(port)), "INSTANCE_PATH": instance})
with app.app_context():
    print("started", flush=True)
    runs.run_import(int(import_id))
"""


def _rows(n):
    return [[f"Firm {i}", "", "FR", "", "Ann", f"Lee{i}", f"ann{i}@firm.fr", f"F{i}", f"t{i}"]
            for i in range(n)]  # fmt: skip


def _import_options():
    return {"key": "external_id", "header": [*HEADER, "Tier"], "mapping": [*MAPPING, "custom:tier"]}


def _worker(app, import_id, log) -> subprocess.Popen:
    """The import run in its own process, on the test's database, as the Huey worker runs it."""
    args = [app.config["SQLALCHEMY_DATABASE_URI"], str(app.config["MAIL_PORT"]),
            app.instance_path, str(import_id), str(CHUNK)]  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, *args], cwd=ROOT, stdout=log, stderr=log,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def _rows_done(import_id) -> int:
    db.session.remove()  # a fresh read of what the worker committed
    return db.session.scalar(select(CustomerImport.rows_done).where(CustomerImport.id == import_id))


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _assert_whole_customers_once() -> list[str]:
    customers = list(db.session.scalars(select(Customer).order_by(Customer.id)))
    codes = [c.external_id for c in customers]
    assert len(codes) == len(set(codes)), "a customer made twice"
    values = record_values([c.id for c in customers], "customer", entity_fields("customer"))
    for customer in customers:
        n = int(customer.external_id[1:])
        assert [c.email for c in customer.contacts] == [f"ann{n}@firm.fr"], customer.company
        assert [v for vs in values.get(customer.id, {}).values() for v in vs] == [f"t{n}"]
    return codes


def test_a_worker_killed_midway_left_whole_customers_and_the_resume_ends_the_file(
    app, ctx, tmp_path, monkeypatch
):
    monkeypatch.setattr(runs, "CHUNK", CHUNK)
    make_custom_field("tier")
    rows = _rows(ROWS)
    import_id = uploaded(rows, **_import_options())
    start_import(checked(import_id))
    db.session.commit()
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        worker = _worker(app, import_id, out)
    try:
        deadline = time.monotonic() + 60
        while (done := _rows_done(import_id)) < CHUNK:
            assert worker.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the worker wrote no chunk in a minute"
            time.sleep(0.02)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
    assert worker.returncode == -signal.SIGKILL
    imp = db.session.get(CustomerImport, import_id)
    done = imp.rows_done
    assert imp.status == "running" and 0 < done < ROWS, (imp.status, done)
    assert done % CHUNK == 0
    assert _count(Customer) == imp.created == done  # every row of a committed chunk, no more
    assert _assert_whole_customers_once() == [f"F{i}" for i in range(done)]

    imp.heartbeat_at = imp.heartbeat_at - runs.STALE * 2  # the sweep's view of a dead worker
    db.session.commit()
    db.session.remove()
    result = app.test_cli_runner().invoke(args=["imports", "resume"])
    assert "1 import(s) resumed" in result.output, result.output
    db.session.remove()
    imp = db.session.get(CustomerImport, import_id)
    resumed = (imp.status, imp.rows_done, imp.created, imp.updated, imp.refused)
    assert resumed == ("done", ROWS, ROWS, 0, 0)
    assert _count(Customer) == _count(Contact) == ROWS
    assert sorted(_assert_whole_customers_once()) == sorted(f"F{i}" for i in range(ROWS))

    # A clean import of the same file elsewhere gives the same counts.
    _clear()
    make_custom_field("tier")
    clean = imported(rows, **_import_options())
    assert (clean.status, clean.rows_done, clean.created, clean.updated, clean.refused) == resumed
    assert _count(Customer) == _count(Contact) == ROWS


def _clear():
    """Empty tables, as each test starts (the shipped roles back)."""
    empty_database()
