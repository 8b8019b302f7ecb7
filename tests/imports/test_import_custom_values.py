"""Custom values of the customers an import makes (written with the chunk, at once): stored,
found by the list's filters and the search, compared by a later row of the same chunk, shown in
the Activity when a later import changes them, and taken back by Undo."""

from decimal import Decimal

from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivityLog, Customer, CustomerImport, CustomFieldTerm, CustomFieldValue
from app.services.custom_fields.definitions import entity_fields
from app.services.custom_fields.values import record_values
from app.services.imports.undo import undo_import
from tests.factories import make_admin, make_custom_field
from tests.imports.helpers import imported

HEADER = ["Company", "Code", "Tier", "Seats", "Plan"]
MAPPING = ["company", "external_id", "custom:tier", "custom:seats", "custom:plan"]
ALPHA = ["Alpha Atelier", "A1", "Northern Omega", "12", "Gold"]
BETA = ["Beta Bakery", "B1", "Southern", "3", "Silver"]
ALPHA_AGAIN = ["Alpha Atelier", "A1", "Western Omega", "12", "Gold"]  # a later row changes it


def _fields():
    make_custom_field("tier", "text", searchable=True)
    make_custom_field("seats", "number")
    make_custom_field("plan", "choice", choices=[("gold", "Gold"), ("silver", "Silver")])


def _import(rows):
    return imported(rows, key="external_id", header=HEADER, mapping=MAPPING)


def _customer(code) -> Customer:
    return db.session.scalar(select(Customer).where(Customer.external_id == code))


def _values(customer) -> dict:
    values = record_values([customer.id], "customer", entity_fields("customer"))[customer.id]
    return {f.key: values.get(f.id) for f in entity_fields("customer")}


def _companies(client, query: str) -> list[str]:
    page = client.get(f"/admin/customers?{query}").get_data(as_text=True)
    return [n for n in ("Alpha Atelier", "Beta Bakery") if n in page]


def test_new_customers_custom_values_are_stored_found_and_compared(client, ctx, login_as):
    _fields()
    imp = _import([ALPHA, BETA, ALPHA_AGAIN, BETA])
    assert (imp.status, imp.created, imp.updated, imp.unchanged) == ("done", 2, 1, 1)
    alpha, beta = _customer("A1"), _customer("B1")
    assert _values(alpha) == {"tier": ["Western Omega"], "seats": [Decimal(12)], "plan": ["gold"]}
    assert _values(beta) == {"tier": ["Southern"], "seats": [Decimal(3)], "plan": ["silver"]}
    assert db.session.scalar(select(func.count()).select_from(CustomFieldValue)) == 6
    terms = db.session.scalars(select(CustomFieldTerm.term).where(
        CustomFieldTerm.record_id == alpha.id).order_by(CustomFieldTerm.term)).all()  # fmt: skip
    assert terms == ["omega", "western"]  # the first row's words replaced by the later row's

    login_as(make_admin())
    assert _companies(client, "cf_tier=omega") == ["Alpha Atelier"]
    assert _companies(client, "cf_tier=northern") == []
    assert _companies(client, "cf_plan=silver") == ["Beta Bakery"]
    assert _companies(client, "cf_seats_min=10") == ["Alpha Atelier"]
    assert _companies(client, "q=southern") == ["Beta Bakery"]  # the searchable field

    lines = db.session.scalars(select(ActivityLog).where(ActivityLog.customer_id == alpha.id))
    assert [(a.action, a.changes) for a in lines] == [("customer.imported", None)]


def test_a_later_import_shows_the_change_and_undo_takes_the_values_back(app, ctx):
    _fields()
    _import([ALPHA])
    alpha = _customer("A1")
    second = _import([["Alpha Atelier", "A1", "Eastern", "12", "Silver"], BETA])
    assert (second.created, second.updated) == (1, 1)
    line = db.session.scalar(select(ActivityLog).where(
        ActivityLog.customer_id == alpha.id, ActivityLog.action == "customer.import_updated"
    ))  # fmt: skip
    assert line.changes == {"custom:Tier": ["Northern Omega", "Eastern"],
                            "custom:Plan": ["Gold", "Silver"]}  # fmt: skip

    assert undo_import(db.session.get(CustomerImport, second.id), make_admin()) == []
    db.session.commit()
    db.session.expire_all()
    assert _customer("B1") is None
    assert _values(alpha) == {"tier": ["Northern Omega"], "seats": [Decimal(12)], "plan": ["gold"]}
    terms = db.session.scalars(select(CustomFieldTerm.term).order_by(CustomFieldTerm.term)).all()
    assert terms == ["northern", "omega"]  # Beta's went with it, Alpha's came back
