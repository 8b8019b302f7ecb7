"""Custom fields on the customer form: every type saved from what a person typed (in their
language), refused beside the field with nothing written, required enforced, shown again."""

import html
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Customer, CustomFieldValue
from tests.factories import make_admin, make_custom_field, make_customer, new_customer_form

HX = {"HX-Request": "true"}


def values_of(customer_id: int) -> dict:
    rows = db.session.scalars(
        select(CustomFieldValue).where(CustomFieldValue.record_id == customer_id,
                                       CustomFieldValue.entity_type == "customer")
    )  # fmt: skip
    found = {}
    for row in rows:
        value = next(v for v in (row.value_text, row.value_number, row.value_date, row.value_bool)
                     if v is not None)  # fmt: skip
        found.setdefault(row.field_id, []).append(value)
    return {k: sorted(v, key=str) for k, v in found.items()}


def value_count() -> int:
    return db.session.scalar(select(func.count()).select_from(CustomFieldValue))


def profile(client, customer, data: dict, **kw):
    url = f"/admin/customers/{customer.id}"
    form = {"company": customer.company, "version": str(customer.version), **data}
    return client.post_form(url, form, token_from=url, **kw)


@pytest.fixture
def fields(ctx):
    tiers = [("gold", {"en": "Gold", "fr": "Or"}), ("silver", {"en": "Silver", "fr": "Argent"})]
    return {
        "text": make_custom_field("code", "text"),
        "long_text": make_custom_field("story", "long_text"),
        "number": make_custom_field("seats", "number"),
        "date": make_custom_field("renewal", "date"),
        "yes_no": make_custom_field("vip", "yes_no"),
        "choice": make_custom_field("tier", "choice", choices=tiers),
        "choices": make_custom_field("topics", "choices",
                                     choices=[("hw", "Hardware"), ("sw", "Software")]),
        "link": make_custom_field("portal", "link"),
    }  # fmt: skip


def test_each_type_is_saved_from_the_profile_and_shown_again(client, ctx, login_as, fields):
    login_as(make_admin())
    customer = make_customer(company="Atelier Nord")
    response = profile(client, customer, {
        "cf_code": " A-12 ", "cf_story": "Line one\nLine two", "cf_seats": "1,250.5",
        "cf_renewal": "2027-03-01", "cf_vip": "yes", "cf_tier": "gold",
        "cf_topics": ["hw", "sw"], "cf_portal": "Example.com/clients",
    })  # fmt: skip
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    stored = values_of(customer.id)
    assert stored == {
        fields["text"].id: ["A-12"], fields["long_text"].id: ["Line one\nLine two"],
        fields["number"].id: [Decimal("1250.5")], fields["date"].id: [date(2027, 3, 1)],
        fields["yes_no"].id: [True], fields["choice"].id: ["gold"],
        fields["choices"].id: ["hw", "sw"], fields["link"].id: ["https://example.com/clients"],
    }  # fmt: skip
    page = html.unescape(client.get(f"/admin/customers/{customer.id}").get_data(as_text=True))
    assert 'value="1,250.50"' in page and 'value="A-12"' in page and "Line one" in page
    assert 'value="gold" selected' in page or 'selected value="gold"' in page
    activity = html.unescape(client.get(f"/admin/customers/{customer.id}/activity")
                             .get_data(as_text=True))  # fmt: skip
    assert "Seats" in activity and "Gold" in activity


def test_a_french_number_is_read_in_french(client, ctx, login_as, fields):
    login_as(make_admin(language="fr"))
    customer = make_customer()
    assert profile(client, customer, {"cf_seats": "1 250,5"}).status_code == 303
    assert values_of(customer.id) == {fields["number"].id: [Decimal("1250.5")]}


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("cf_code", "x" * 201, "Use at most 200 characters."),
        ("cf_code", "bad\x07bell", "control"),
        ("cf_seats", "12abc", ""),
        ("cf_seats", "1e5", ""),  # an exponent is refused, never guessed
        ("cf_renewal", "1/3/2027", "Not a valid date value."),
        ("cf_renewal", "1850-01-01", "Enter a date between 2000 and 2100."),
        ("cf_vip", "maybe", "Choose from the list."),
        ("cf_tier", "platinum", "Choose from the list."),
        ("cf_topics", ["hw", "nope"], "Choose from the list."),
        ("cf_portal", "not a link", "Enter a website address"),
    ],
)
def test_a_bad_value_is_refused_beside_its_field_and_nothing_is_written(
    client, ctx, login_as, fields, name, typed, message
):
    login_as(make_admin())
    customer = make_customer(company="Atelier Nord")
    response = profile(client, customer, {"cf_code": "kept?", "company": "Renamed", name: typed},
                       headers=HX)  # fmt: skip
    assert response.status_code == 422
    body = html.unescape(response.get_data(as_text=True))
    assert f'id="field-{name}"' in body and message in body
    beside = body.split(f'id="field-{name}"')[1].split('class="field ')[0]
    assert f'id="{name}-error"' in beside
    assert value_count() == 0
    db.session.expire_all()
    assert db.session.get(Customer, customer.id).company == "Atelier Nord"


def test_a_required_field_is_enforced_on_new_customers_and_profiles(client, ctx, login_as):
    login_as(make_admin())
    make_custom_field("tier", "choice", required=True, choices=[("gold", "Gold")])
    url = "/admin/customers/new"
    response = client.post_form(url, new_customer_form(), token_from=url, headers=HX)
    assert response.status_code == 422
    assert "Fill in this field." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 0
    response = client.post_form(url, new_customer_form(cf_tier="gold"), token_from=url)
    assert response.status_code == 303
    created = db.session.scalar(select(Customer))
    assert list(values_of(created.id).values()) == [["gold"]]


def test_emptying_a_field_removes_its_value(client, ctx, login_as, fields):
    login_as(make_admin())
    customer = make_customer()
    assert profile(client, customer, {"cf_code": "A", "cf_topics": ["hw"]}).status_code == 303
    db.session.refresh(customer)
    assert profile(client, customer, {"cf_code": "  "}).status_code == 303
    assert values_of(customer.id) == {}


def test_an_inactive_field_is_not_on_the_form_and_keeps_its_values(client, ctx, login_as):
    login_as(make_admin())
    field = make_custom_field("legacy", "text", active=False, labels={"en": "Legacy code"})
    customer = make_customer()
    db.session.add(CustomFieldValue(entity_type="customer", record_id=customer.id,
                                    field_id=field.id, value_text="old"))  # fmt: skip
    db.session.commit()
    page = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert "Legacy code" not in page
    assert profile(client, customer, {"company": "Renamed"}).status_code == 303
    assert values_of(customer.id) == {field.id: ["old"]}
