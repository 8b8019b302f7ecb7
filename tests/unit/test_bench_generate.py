"""bench/generate.py's bulk load leaves the database exactly as the migrations make it (same
revision, indexes, triggers, models agreeing), with data `check-data` accepts and the search terms
the app itself would write. Run on a database of its own (a temporary SQLite file; a throwaway
PostgreSQL database when the suite runs on PostgreSQL)."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, make_url, select, text
from sqlalchemy.orm import selectinload

from app import create_app
from app.config import config_for_tests
from app.extensions import db, migrate
from app.models import Contact, Customer, CustomerSearchTerm, Document, Payment
from app.services.customers.search import customer_terms
from app.services.integrity import run_checks
from bench.generate import generate

CUSTOMERS, INVOICES = 300, 300


def new_database(kind: str, tmp_path, name: str):
    """An empty database of that kind (a context manager yielding its address)."""
    if kind == "sqlite":
        return _nothing_to_drop(f"sqlite:///{tmp_path / f'{name}.db'}")
    suite = os.environ.get("TEST_DATABASE_URL", "")
    if not suite.startswith("postgresql"):
        pytest.skip("the suite runs on SQLite (scripts/with-postgres.sh runs this on PostgreSQL)")
    return _throwaway(suite, f"{name}_{uuid.uuid4().hex[:8]}")


class _nothing_to_drop:
    def __init__(self, url):
        self.url = url

    def __enter__(self):
        return self.url

    def __exit__(self, *exc):
        return False


class _throwaway:
    def __init__(self, suite, name):
        self.server = create_engine(make_url(suite), isolation_level="AUTOCOMMIT")
        self.name, self.url = name, make_url(suite).set(database=name)

    def __enter__(self):
        with self.server.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        return self.url.render_as_string(hide_password=False)

    def __exit__(self, *exc):
        with self.server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.server.dispose()
        return False


def app_on(url, smtp, tmp_path, name):
    return create_app(
        {**config_for_tests(url, smtp.port), "INSTANCE_PATH": str(tmp_path / f"instance-{name}")}
    )


def schema_objects() -> set[tuple]:
    """Indexes and triggers (name, table, definition) of the current database."""
    if db.engine.dialect.name == "sqlite":
        sql = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type <> 'table'"
    else:
        sql = (
            "SELECT 'index', indexname, tablename, indexdef FROM pg_indexes"
            " WHERE schemaname = 'public' UNION ALL"
            " SELECT 'trigger', tgname, tgrelid::regclass::text, pg_get_triggerdef(oid)"
            " FROM pg_trigger WHERE NOT tgisinternal"
        )
    return set(map(tuple, db.session.execute(text(sql)).all()))


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_generated_database_is_what_the_migrations_make_and_checks_pass(kind, smtp, tmp_path):
    with new_database(kind, tmp_path, "fresh") as fresh_url:
        fresh = app_on(fresh_url, smtp, tmp_path, "fresh")
        with fresh.app_context():
            upgrade()
            expected = schema_objects()
            db.session.remove()
            db.engine.dispose()
        with new_database(kind, tmp_path, "generated") as url:
            app = app_on(url, smtp, tmp_path, "generated")
            generate(app, CUSTOMERS, INVOICES)
            with app.app_context():
                try:
                    check_generated(expected)
                finally:
                    db.session.remove()
                    db.engine.dispose()


def check_generated(expected: set[tuple]) -> None:
    with db.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata
        )
    heads = ScriptDirectory.from_config(migrate.get_config()).get_heads()
    assert [current] == heads and diff == []
    assert schema_objects() == expected  # every index and trigger back, as the migrations wrote it
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    outcomes = run_checks()
    assert [(o.name, o.errors, o.skipped) for o in outcomes if o.errors or o.skipped] == []
    count = db.session.scalar(select(func.count()).select_from(Customer))
    assert count == CUSTOMERS
    assert db.session.scalar(select(func.count()).select_from(Contact)) == 2 * CUSTOMERS
    assert db.session.scalar(select(func.count()).select_from(Document)) == INVOICES
    assert db.session.scalar(select(func.count()).select_from(Payment)) > 0
    stored: dict[int, set[str]] = {}
    keys: dict[int, set[str]] = {}
    for customer_id, term, key in db.session.execute(select(
            CustomerSearchTerm.customer_id, CustomerSearchTerm.term,
            CustomerSearchTerm.company_key)):  # fmt: skip
        stored.setdefault(customer_id, set()).add(term)
        keys.setdefault(customer_id, set()).add(key)
    customers = db.session.scalars(select(Customer).options(selectinload(Customer.contacts)))
    for customer in customers:
        assert stored[customer.id] == customer_terms(customer), customer.company
        assert keys[customer.id] == {customer.company_key}, customer.company
    # the ids continue after the generated rows (PostgreSQL: the sequences were moved)
    db.session.add(Customer(company="After The Load", company_key="after the load"))
    db.session.flush()
    assert db.session.scalar(select(func.max(Customer.id))) == CUSTOMERS + 1
    db.session.rollback()
