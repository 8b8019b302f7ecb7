"""Migration 0040: down and up again keeps the customers (and their contacts), loses only the
imports and the external ids."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select

from app.extensions import db
from app.models import Contact, Customer
from tests.factories import make_contact, make_customer


def test_downgrade_keeps_customers_and_upgrade_adds_the_tables_back(app, ctx):
    customer = make_customer(company="Kept SARL")
    customer.external_id = "ERP-1"
    make_contact(customer)
    db.session.commit()
    db.session.remove()
    downgrade(revision="0039_custom_field_search")
    try:
        assert db.session.scalar(select(func.count()).select_from(Customer.__table__)) == 1
        assert db.session.scalar(select(func.count()).select_from(Contact.__table__)) == 1
        db.session.remove()
    finally:
        upgrade()
    kept = db.session.scalar(select(Customer))
    assert kept.company == "Kept SARL" and kept.external_id is None
    assert len(kept.contacts) == 1
