"""Our customer export imported back: with the guessed mapping and key *VAT number* or
*External ID*, the dry run finds every row unchanged; imported into a database with no
customers, it makes the same customers again (CSV and XLSX, in English and in French)."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Contact, Customer, CustomerGroup
from app.services.custom_fields.records import delete_custom
from app.services.custom_fields.values import record_values
from app.services.imports.runs import run_import, start_import
from app.services.imports.service import upload_import
from tests.custom_fields.test_customer_list_custom_fields import put
from tests.factories import (
    make_admin,
    make_contact,
    make_currency,
    make_custom_field,
    make_customer,
    make_group,
)
from tests.imports.helpers import checked

FIELDS = ("company", "vat_number", "phone", "website", "address", "city", "state", "zip",
          "country", "billing_street", "billing_city", "billing_state", "billing_zip",
          "billing_country", "shipping_street", "shipping_city", "shipping_state",
          "shipping_zip", "shipping_country", "language", "active", "external_id")  # fmt: skip


def customers_as_seen(tier) -> dict:
    """What a person would compare, customer by customer."""
    seen = {}
    customers = list(db.session.scalars(select(Customer)))
    tiers = record_values([c.id for c in customers], "customer", [tier])
    for c in customers:
        primary = next((p for p in c.contacts if p.is_primary), None)
        seen[c.company] = {
            **{name: getattr(c, name) or None for name in FIELDS},  # "" and None alike
            "active": c.active,
            "groups": sorted(g.name for g in c.groups),
            "currency": c.currency.code if c.currency else None,
            "contact": (primary.first_name, primary.last_name, primary.email) if primary else None,
            "tier": tiers.get(c.id, {}).get(tier.id) or None,
        }
    return seen


def make_book(with_vat_only: bool):
    eur, usd = make_currency("EUR", is_default=True), make_currency("USD", symbol="$")
    groups = [make_group(name="Agences"), make_group(name="Best")]
    tier = make_custom_field("tier", "text")
    atelier = make_customer(company="Atelier Durand", vat_number="FR40303265045", country="FR",
                            phone="+33123456789", website="https://atelier.example",
                            address="1 rue Haute", city="Lyon", zip="69001", currency=eur,
                            language="fr", billing_street="2 rue Basse", billing_city="Lyon",
                            billing_country="FR", shipping_city="Genève", shipping_country="CH",
                            external_id="AT-1", groups=groups)  # fmt: skip
    make_contact(atelier, first_name="Ann", last_name="Archer", email="ann@example.com")
    put(tier, atelier, value_text="Gold")
    solo = make_customer(company="Solo BV", vat_number="NL004495445B01", country="NL",
                         currency=usd, language="nl", active=False, external_id="S-2")  # fmt: skip
    make_contact(solo, first_name="Sam", last_name="Solo", email="sam@example.com")
    if not with_vat_only:
        make_customer(company="Nova", country="DE", currency=eur, language="de",
                      external_id="N-3")  # fmt: skip
    return tier


def forget_customers() -> None:
    """A database with our settings (currencies, the custom field) and no customers."""
    for customer in db.session.scalars(select(Customer)):
        delete_custom("customer", customer.id)
        for contact in customer.contacts:
            db.session.delete(contact)
        db.session.delete(customer)
    for group in db.session.scalars(select(CustomerGroup)):
        db.session.delete(group)
    db.session.commit()


def importing(name: str, data: bytes, admin, key: str, language: str):
    imp = upload_import((name, data), admin)
    imp.options = {**imp.options, "key": key, "date_format": "ymd_dash",
                   "number_locale": "fr" if language == "fr" else "en"}  # fmt: skip
    db.session.commit()
    return imp.id


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("key", ["external_id", "vat_number"])
def test_our_export_imports_back_unchanged_and_remakes_the_customers(
    client, ctx, login_as, kind, language, key
):
    tier = make_book(with_vat_only=key == "vat_number")
    admin = make_admin(language=language)
    login_as(admin)
    before = customers_as_seen(tier)
    response = client.get(f"/admin/customers/export.{kind}")
    assert response.status_code == 200
    data = response.get_data()
    dry = checked(importing(f"customers.{kind}", data, admin, key, language))
    assert dry.mapping.count(None) == 1  # only "Created" is left out
    assert (dry.refusals, dry.created, dry.updated) == ([], 0, 0)
    assert dry.unchanged == len(before)
    forget_customers()
    assert db.session.scalar(select(Customer.id)) is None
    again = checked(importing(f"customers.{kind}", data, admin, key, language))
    assert (again.refusals, again.created) == ([], len(before))
    start_import(again)
    db.session.commit()
    run_import(again.id)
    db.session.expire_all()
    assert customers_as_seen(tier) == before
    assert db.session.scalar(select(Contact.email).where(Contact.email == "sam@example.com"))
