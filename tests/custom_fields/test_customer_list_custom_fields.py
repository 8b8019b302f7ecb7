"""The customer list's custom columns, filters (contains, choice, yes/no, number and date
ranges) and search, on both databases; the query count stays the same with 1 row or many."""

import html
from datetime import date
from decimal import Decimal

import pytest

from app.extensions import db
from app.models import CustomFieldValue
from app.services.custom_fields.terms import TEXT_TYPES, index_record
from app.services.customers.search import reindex_customer
from tests.factories import make_admin, make_contact, make_custom_field, make_customer


def put(field, record, entity="customer", **value):
    db.session.add(CustomFieldValue(entity_type=entity, record_id=record.id, field_id=field.id,
                                    **value))  # fmt: skip
    db.session.flush()
    if field.field_type in TEXT_TYPES:
        index_record(field.id, record.id)  # as write_values does
    db.session.commit()


@pytest.fixture
def listed(ctx):
    tier = make_custom_field(
        "tier",
        "choices",
        labels={"en": "Tier", "fr": "Niveau"},
        choices=[("gold", {"en": "Gold", "fr": "Or"}), ("silver", "Silver")],
    )
    seats = make_custom_field("seats", "number")
    renewal = make_custom_field("renewal", "date")
    vip = make_custom_field("vip", "yes_no")
    code = make_custom_field("code", "text", searchable=True)
    a, b, c = (make_customer(company=n) for n in ("Alpha Atelier", "Beta Bakery", "Gamma Garage"))
    (
        put(tier, a, value_text="gold"),
        put(tier, a, value_text="silver"),
        put(tier, b, value_text="silver"),
    )
    put(seats, a, value_number=Decimal("12.5")), put(seats, b, value_number=Decimal(1500))
    put(renewal, a, value_date=date(2027, 1, 10)), put(renewal, c, value_date=date(2027, 6, 1))
    put(vip, a, value_bool=True), put(vip, b, value_bool=False)
    put(code, b, value_text="ZX-Omega_42")
    for customer in (a, b, c):
        reindex_customer(customer)
    db.session.commit()
    return {"a": a, "b": b, "c": c}


def companies(client, query: str) -> list[str]:
    page = client.get(f"/admin/customers?{query}").get_data(as_text=True)
    return [n for n in ("Alpha Atelier", "Beta Bakery", "Gamma Garage") if n in page]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cf_tier=gold", ["Alpha Atelier"]),
        ("cf_tier=silver", ["Alpha Atelier", "Beta Bakery"]),
        ("cf_tier=bronze", ["Alpha Atelier", "Beta Bakery", "Gamma Garage"]),  # ignored
        ("cf_vip=yes", ["Alpha Atelier"]),
        ("cf_vip=no", ["Beta Bakery"]),
        ("cf_seats_min=100", ["Beta Bakery"]),
        ("cf_seats_max=12.5", ["Alpha Atelier"]),
        ("cf_seats_min=10&cf_seats_max=2000", ["Alpha Atelier", "Beta Bakery"]),
        ("cf_renewal_min=2027-02-01", ["Gamma Garage"]),
        ("cf_renewal_max=2027-01-10", ["Alpha Atelier"]),
        ("cf_code=omega", ["Beta Bakery"]),
        ("cf_code=50%25", []),  # a % is a character, not a wildcard
        ("cf_tier=silver&cf_vip=no", ["Beta Bakery"]),
    ],
)
def test_the_list_filters_by_custom_fields(client, ctx, login_as, listed, query, expected):
    login_as(make_admin())
    assert companies(client, query) == expected


def test_a_french_reader_types_a_french_number(client, ctx, login_as, listed):
    login_as(make_admin(language="fr"))
    assert companies(client, "cf_seats_min=1 000,5") == ["Beta Bakery"]
    page = html.unescape(client.get("/admin/customers").get_data(as_text=True))
    assert "Niveau" in page and ">Or<" in page


def test_chosen_columns_show_the_values(client, ctx, login_as, listed):
    login_as(make_admin())
    page = html.unescape(client.get("/admin/customers").get_data(as_text=True))
    assert "Gold, Silver" not in page  # a column shows only when chosen
    page = html.unescape(client.get("/admin/customers?col=tier&col=seats&col=vip")
                         .get_data(as_text=True))  # fmt: skip
    row = page.split("Alpha Atelier")[2]
    assert "Gold, Silver" in row and "12.5" in row and "Yes" in row


def test_searchable_fields_join_the_customer_search(client, ctx, login_as, listed):
    login_as(make_admin())
    assert companies(client, "q=omega") == ["Beta Bakery"]
    assert companies(client, "q=zx") == ["Beta Bakery"]
    assert companies(client, "q=gold") == []  # the tier field is not searchable


def test_a_contact_field_saved_from_the_form_is_searchable(client, ctx, login_as):
    login_as(make_admin())
    make_custom_field("badge", "text", entity="contact", searchable=True)
    customer = make_customer(company="Delta Dairy")
    contact = make_contact(customer)
    url = f"/admin/customers/{customer.id}/contacts/{contact.id}"
    data = {"first_name": contact.first_name, "last_name": contact.last_name,
            "email": contact.email, "cf_badge": "Quokka7"}  # fmt: skip
    assert client.post_form(url, data, token_from=url).status_code == 303
    assert "Delta Dairy" in client.get("/admin/customers?q=quokka").get_data(as_text=True)


def test_switching_search_off_takes_the_words_out(client, ctx, login_as, listed):
    login_as(make_admin())
    from sqlalchemy import select

    from app.models import CustomFieldDefinition

    code = db.session.scalar(
        select(CustomFieldDefinition).where(CustomFieldDefinition.key == "code")
    )
    url = f"/admin/settings/custom-fields/{code.id}"
    data = {"label_en": "Code", "section": "details", "active": "y", "in_lists": "y"}
    assert client.post_form(url, data, token_from=url).status_code == 303
    assert companies(client, "q=omega") == []


def test_the_export_has_a_column_per_active_customer_field(client, ctx, login_as, listed):
    login_as(make_admin())
    text = client.get("/admin/customers/export.csv?cf_tier=gold").get_data(as_text=True)
    header, *rows = [line for line in text.lstrip("\ufeff").splitlines() if line]
    assert header.endswith('"tier","seats","renewal","vip","code"')
    assert len(rows) == 1 and rows[0].endswith('"Gold; Silver",12.5,2027-01-10,"Yes",""')
