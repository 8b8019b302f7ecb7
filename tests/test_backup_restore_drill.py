"""The restore drill: back up while customers keep being created, restore into a new empty
database, and find every table there row for row as the source had it at the backup. A
non-empty target and a damaged archive are refused with a message, leaving the target as it
was."""

import io
import json
import os
import re
import tarfile
import threading
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, literal_column, select, table, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import config_for_tests
from app.extensions import db
from app.models import Customer
from app.services.sales.actions import issue, record_payment
from tests.factories import (
    make_admin,
    make_contact,
    make_customer,
    make_document,
    make_outbox_message,
    make_ticket,
)


@pytest.fixture
def empty_databases(tmp_path, smtp):
    """Make apps on new empty databases: another SQLite file, or a new database on the same
    PostgreSQL cluster (dropped afterwards)."""
    made = []
    source = os.environ.get("TEST_DATABASE_URL")

    def new_app():
        name = f"comptoir_drill_{uuid.uuid4().hex[:10]}"
        if source:
            admin = create_engine(make_url(source).set(database="postgres"))
            with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            admin.dispose()
            url = make_url(source).set(database=name).render_as_string(hide_password=False)
        else:
            url = f"sqlite:///{tmp_path / (name + '.db')}"
        instance = tmp_path / name
        config = {**config_for_tests(url, smtp.port), "INSTANCE_PATH": str(instance)}
        application = create_app(config)
        made.append((application, name))
        return application

    yield new_app
    for application, name in made:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()
        if source:
            admin = create_engine(make_url(source).set(database="postgres"))
            with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def _load(app):
    """Customers with contacts, issued invoices with payments, emails waiting, a ticket with a
    file."""
    with app.app_context():
        admin = make_admin()
        for n in range(3):
            customer = make_customer(company=f"Atelier {n}")
            contact = make_contact(customer)
            invoice = make_document(customer)
            issue(invoice, date(2026, 11, 2))
            record_payment(
                invoice, Decimal("100.50"), date(2026, 11, 3), "bank_transfer", "part", admin
            )
            db.session.commit()
            make_outbox_message(customer, subject=f"Reminder {n}")
            make_ticket(contact, attachment=b"\x00binary\xffpayload" * 50)


def _rows(connection) -> dict[str, list]:
    """Every row of every table, all columns (sorted so two databases compare)."""
    tables = {}
    for name in inspect(connection).get_table_names():
        rows = connection.execute(select(literal_column("*")).select_from(table(name)))
        rows = rows.mappings().all()
        tables[name] = sorted((dict(row) for row in rows), key=repr)
    return tables


class Writer(threading.Thread):
    """Creates customers, one commit each, until told to stop."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app, self.stop, self.count, self.errors = app, threading.Event(), 0, []
        self.started_writing = threading.Event()

    def run(self):
        with self.app.app_context():
            while not self.stop.is_set():
                try:
                    make_customer(company=f"Walk-in {uuid.uuid4().hex[:8]}")
                    self.count += 1
                    self.started_writing.set()
                except Exception as error:  # reported by the test
                    self.errors.append(error)
                    return
                finally:
                    db.session.remove()

    def wait_for_more(self, than: int):
        for _ in range(500):
            if self.count > than or self.errors:
                return
            self.stop.wait(0.01)


def test_backup_while_writing_restores_every_row(app, empty_databases, tmp_path):
    _load(app)
    writer = Writer(app)
    writer.start()
    assert writer.started_writing.wait(10)
    archive = tmp_path / "drill.tar"
    try:
        before = writer.count
        result = app.test_cli_runner().invoke(args=["backup", str(archive)])
        during = writer.count
        writer.wait_for_more(during)  # writes go on after the backup too
    finally:
        writer.stop.set()
        writer.join(10)
    assert not writer.errors, writer.errors
    assert 0 < before <= during < writer.count  # the backup ran while customers were created
    assert result.exit_code == 0, result.output
    assert str(archive) in result.output
    with tarfile.open(archive) as opened:
        manifest = json.loads(opened.extractfile("manifest.json").read())
    assert manifest["migration_head"] and manifest["database"] == db_kind(app)
    assert manifest["row_counts"]["payments"] == 3 and manifest["row_counts"]["outbox"] == 3

    target = empty_databases()
    restored = target.test_cli_runner().invoke(args=["restore", str(archive)])
    assert restored.exit_code == 0, restored.output
    assert "rows match the manifest" in restored.output

    with target.app_context(), db.engine.connect() as connection:
        copy = _rows(connection)
    with app.app_context(), db.engine.connect() as connection:
        source = _rows(connection)
    assert {name: len(rows) for name, rows in copy.items()} == manifest["row_counts"]
    # The source as of the backup: every table as it is now, but the customers written later.
    kept = max(row["id"] for row in copy["customers"])
    source["customers"] = [row for row in source["customers"] if row["id"] <= kept]
    # ... and the customer counts as they were then: those of the customers kept.
    active = sum(1 for row in source["customers"] if row["active"])
    inactive = len(source["customers"]) - active
    source["customer_counts"] = [{"id": 1, "active": active, "inactive": inactive}]
    for name in source:
        assert copy[name] == source[name], name
    with app.app_context():
        assert db.session.query(Customer).count() > len(copy["customers"])  # writes went on


def db_kind(app) -> str:
    with app.app_context():
        return db.engine.dialect.name


def test_restore_refuses_a_database_that_is_not_empty(app, empty_databases, tmp_path):
    _load(app)
    archive = tmp_path / "b.tar"
    assert app.test_cli_runner().invoke(args=["backup", str(archive)]).exit_code == 0
    # The source itself holds data: restoring onto it is refused and changes nothing.
    with app.app_context():
        before = db.session.query(Customer).count()
    result = app.test_cli_runner().invoke(args=["restore", str(archive)])
    assert result.exit_code != 0
    assert "not empty" in result.output and "Traceback" not in result.output
    with app.app_context():
        assert db.session.query(Customer).count() == before


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not an archive"])
def test_a_damaged_archive_is_refused_with_a_message(app, empty_databases, tmp_path, damage):
    _load(app)
    archive = tmp_path / "b.tar"
    assert app.test_cli_runner().invoke(args=["backup", str(archive)]).exit_code == 0
    data = archive.read_bytes()
    if damage == "truncated":
        data = data[: len(data) * 2 // 3]
    elif damage == "flipped":
        middle = len(data) // 2
        data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]
    else:
        data = b"PK\x03\x04 some other file"
    archive.write_bytes(data)
    target = empty_databases()
    result = target.test_cli_runner().invoke(args=["restore", str(archive)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    assert "not a readable Comptoir backup" in result.output or "damaged" in result.output
    with target.app_context(), db.engine.connect() as connection:
        assert inspect(connection).get_table_names() == []  # nothing half-written


def _rewrite_manifest(archive, **changes):
    with tarfile.open(archive) as opened:
        manifest = json.loads(opened.extractfile("manifest.json").read())
        dump = opened.extractfile(manifest["dump"]).read()
    manifest.update(changes)
    dump_name = manifest["dump"]
    rewritten = archive.with_name("rewritten.tar")
    with tarfile.open(rewritten, "w") as out:
        for name, data in (("manifest.json", json.dumps(manifest).encode()), (dump_name, dump)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    return rewritten


def test_an_archive_from_a_newer_version_is_refused(app, empty_databases, tmp_path):
    archive = tmp_path / "b.tar"
    assert app.test_cli_runner().invoke(args=["backup", str(archive)]).exit_code == 0
    future = _rewrite_manifest(archive, migration_head="0099_from_the_future")
    target = empty_databases()
    result = target.test_cli_runner().invoke(args=["restore", str(future)])
    assert result.exit_code != 0 and "newer Comptoir" in result.output
    with target.app_context(), db.engine.connect() as connection:
        assert inspect(connection).get_table_names() == []


def test_an_older_archive_restores_and_asks_for_db_upgrade(app, empty_databases, tmp_path):
    """The archive's schema is older than the code's: restored as it is, then `db upgrade`."""
    archive = tmp_path / "b.tar"
    assert app.test_cli_runner().invoke(args=["backup", str(archive)]).exit_code == 0
    older = _rewrite_manifest(archive, migration_head="0019_contact_email_preferences")
    target = empty_databases()
    result = target.test_cli_runner().invoke(args=["restore", str(older)])
    assert result.exit_code == 0, result.output
    assert "run `flask --app wsgi db upgrade`" in result.output


def test_backup_goes_to_instance_backups_by_default(app):
    result = app.test_cli_runner().invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    written = Path(result.output.splitlines()[0])
    assert written.parent == Path(app.instance_path) / "backups"
    assert re.fullmatch(r"comptoir-\d{8}T\d{6}Z\.tar", written.name) and written.exists()
    assert re.search(r"customers\s+0", result.output)  # the row counts are printed
    written.unlink()


def test_an_empty_alembic_version_counts_as_empty(app, empty_databases, tmp_path):
    _load(app)
    archive = tmp_path / "b.tar"
    assert app.test_cli_runner().invoke(args=["backup", str(archive)]).exit_code == 0
    target = empty_databases()
    with target.app_context(), db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
    result = target.test_cli_runner().invoke(args=["restore", str(archive)])
    assert result.exit_code == 0, result.output
    with target.app_context():
        assert db.session.query(Customer).count() == 3


def test_an_archive_of_the_other_database_kind_is_refused(app, empty_databases, tmp_path):
    archive = tmp_path / "b.tar"
    assert app.test_cli_runner().invoke(args=["backup", str(archive)]).exit_code == 0
    other = {
        "sqlite": ("postgresql", "database.pgdump"),
        "postgresql": ("sqlite", "database.sqlite3"),
    }
    kind, dump = other[db_kind(app)]
    foreign = _rewrite_manifest(archive, database=kind, dump=dump)
    target = empty_databases()
    result = target.test_cli_runner().invoke(args=["restore", str(foreign)])
    assert result.exit_code != 0
    assert f"This archive holds a {kind} database; the target is {db_kind(app)}." in result.output
    with target.app_context(), db.engine.connect() as connection:
        assert inspect(connection).get_table_names() == []
