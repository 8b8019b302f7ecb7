"""A table whose ids must never be reused (documents, customers, projects…) keeps SQLite's
AUTOINCREMENT through every migration: a rebuild (batch mode) drops it unless told, and a deleted
newest record's id would then go to the next one, under old links and emails."""

import pytest
from sqlalchemy import text

from app.extensions import db


def test_tables_declared_autoincrement_keep_it_after_the_migrations(app, ctx):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("AUTOINCREMENT is SQLite's; PostgreSQL sequences never reuse ids")
    declared = sorted(
        table.name
        for table in db.metadata.sorted_tables
        if table.dialect_options["sqlite"].get("autoincrement")
    )
    assert "sales_documents" in declared
    missing = [
        name
        for name in declared
        if "AUTOINCREMENT"
        not in db.session.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :n"), {"n": name}
        ).scalar()
    ]
    assert missing == []
