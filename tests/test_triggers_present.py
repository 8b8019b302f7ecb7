"""Every summary the database keeps by itself has its triggers, after every migration: on
SQLite a migration that rebuilds a table (`batch_alter_table`) drops the table's triggers
silently, and the tallies, counts, balances and sales summaries would then drift from their
rows until `check-data` ran. Each family of triggers is named here per table: on SQLite one
trigger per event (insert, delete, update), on PostgreSQL one for all."""

import re
from collections import defaultdict

from sqlalchemy import text

from app.extensions import db

CACHE_VERSION = {"cache_version"}  # 0046, 0047: what app processes keep is read again
EXPECTED = {
    "custom_field_choices": CACHE_VERSION,
    "custom_field_definitions": CACHE_VERSION,
    "customer_groups": CACHE_VERSION,
    "role_permissions": CACHE_VERSION,
    "roles": CACHE_VERSION,
    "settings": CACHE_VERSION,
    "stored_files": CACHE_VERSION,
    "users": CACHE_VERSION,
    "customers": {"customer_counts"},  # 0048
    "customer_group_members": {"group_sales_member", "group_year_sales_member"},  # 0032, 0045
    "customer_year_sales": {"group_year_sales_year"},  # 0045
    "sales_documents": {"customer_balances", "document_tallies", "group_sales_document"},
}
EVENTS = ("insert", "delete", "update")


def _triggers(conn) -> dict[str, dict[str, set[str]]]:
    """{table: {family: events}}: SQLite's `<family>[_<table>]_<event>` triggers, PostgreSQL's
    `<family>[_follow|_bump]` (one trigger for every event)."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    if conn.dialect.name == "sqlite":
        rows = conn.execute(text("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"))
        for table, name in rows:
            family, event = re.fullmatch(r"(.+)_(insert|delete|update)", name).groups()
            found[table][family.removesuffix(f"_{table}")].add(event)
        return found
    rows = conn.execute(text("SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
                             "WHERE NOT tgisinternal"))  # fmt: skip
    for table, name in rows:
        found[table][re.sub(r"_(follow|bump)$", "", name)].update(EVENTS)
    return found


def test_every_summary_table_keeps_its_triggers(app, ctx):
    with db.engine.connect() as conn:
        found = _triggers(conn)
    assert {table: set(families) for table, families in found.items()} == EXPECTED
    incomplete = {(table, family): events for table, families in found.items()
                  for family, events in families.items() if events != set(EVENTS)}  # fmt: skip
    assert incomplete == {}
