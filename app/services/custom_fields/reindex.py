"""The customer search after a searchable field changes: its customers' terms again."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Customer
from app.services.custom_fields.definitions import customers_holding
from app.services.customers.search import reindex_customer

BATCH = 500


def reindex_customers(customer_ids: list[int]) -> None:
    """Rebuild these customers' search terms, a batch per transaction (run again, the same)."""
    for start in range(0, len(customer_ids), BATCH):
        chunk = customer_ids[start : start + BATCH]
        query = select(Customer).where(Customer.id.in_(chunk))
        for customer in db.session.scalars(query.options(selectinload(Customer.contacts))):
            reindex_customer(customer)
        db.session.commit()


def reindex_field(field_id: int) -> None:
    """Rebuild the terms of every customer holding a value of the field."""
    reindex_customers(customers_holding(field_id))
