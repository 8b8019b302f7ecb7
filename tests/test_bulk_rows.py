"""Many rows inserted at once (app/services/bulk.py: COPY on PostgreSQL, one executemany on
SQLite) land as given, odd characters included, inside the caller's transaction."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select

from app.extensions import db
from app.models import ActivityLog, CustomerSearchTerm
from app.services.bulk import insert_rows
from tests.factories import make_customer

ODD = ["zoë", "back\\slash", "tab\there", "new\nline", "quote'\"", "ß", "日本", "null", "\\N"]


def terms(customer_id) -> list[tuple[str, str]]:
    query = select(CustomerSearchTerm.term, CustomerSearchTerm.company_key).where(
        CustomerSearchTerm.customer_id == customer_id
    )
    return sorted((term, key) for term, key in db.session.execute(query))


def test_rows_land_as_given_and_roll_back_with_their_transaction(app, ctx):
    customer = make_customer()
    rows = [{"customer_id": customer.id, "term": f"t{n}-{text}", "company_key": text}
            for n, text in enumerate(ODD)]  # fmt: skip
    insert_rows(CustomerSearchTerm, rows)
    expected = sorted((row["term"], row["company_key"]) for row in rows)
    assert terms(customer.id) == expected
    db.session.rollback()
    assert terms(customer.id) == []
    insert_rows(CustomerSearchTerm, rows)
    db.session.commit()
    assert terms(customer.id) == expected
    insert_rows(CustomerSearchTerm, [])  # nothing to do


def stored(action: str) -> list[tuple]:
    """(changes is SQL NULL, changes, created_at) of the activity lines with this action."""
    query = (
        select(ActivityLog.changes.is_(None), ActivityLog.changes, ActivityLog.created_at)
        .where(ActivityLog.action == action)
        .order_by(ActivityLog.id)
    )
    return [tuple(row) for row in db.session.execute(query)]


def test_values_go_through_their_column_types_as_an_insert_sends_them(app, ctx):
    """A JSON column's None is stored as JSON null and a date as UTC, as a plain INSERT does, so
    readers of these rows cannot tell how they were written."""
    customer = make_customer()
    when = datetime(2026, 12, 3, 15, 30, tzinfo=ZoneInfo("Europe/Paris"))
    values = [None, {"city": ["Lyon", "Lille"], "n": 3}, ["é", "\t"]]

    def rows(action):
        return [{"customer_id": customer.id, "user_id": None, "contact_id": None,
                 "action": action, "version": 1, "subject": "file.csv", "changes": changes,
                 "created_at": when} for changes in values]  # fmt: skip

    insert_rows(ActivityLog, rows("bulk.copy"))
    db.session.execute(insert(ActivityLog), rows("bulk.insert"))
    copied, inserted = stored("bulk.copy"), stored("bulk.insert")
    assert copied == inserted
    assert [is_null for is_null, _, _ in copied] == [False, False, False]  # JSON null, not NULL
    assert [changes for _, changes, _ in copied] == values
    assert copied[0][2] == when and copied[0][2].utcoffset() == timedelta(0)


def test_a_column_with_a_python_default_must_be_given(app, ctx):
    customer = make_customer()
    row = {"customer_id": customer.id, "action": "bulk.copy"}  # no created_at (default utcnow)
    with pytest.raises(ValueError, match="created_at"):
        insert_rows(ActivityLog, [row])
