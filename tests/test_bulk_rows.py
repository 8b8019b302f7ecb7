"""Many rows inserted at once (app/services/bulk.py: COPY on PostgreSQL, one executemany on
SQLite) land as given, odd characters included, inside the caller's transaction."""

from sqlalchemy import select

from app.extensions import db
from app.models import CustomerSearchTerm
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
