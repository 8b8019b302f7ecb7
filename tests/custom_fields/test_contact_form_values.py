"""Custom fields on the contact form: saved with the contact, refused beside the field with
nothing written, required enforced, shown again, in the customer's Activity."""

import html
from decimal import Decimal

from sqlalchemy import func, select

from app.extensions import db
from app.models import Contact, CustomFieldValue
from tests.factories import make_admin, make_contact, make_custom_field, make_customer

HX = {"HX-Request": "true"}


def contact_data(**extra) -> dict:
    return {"first_name": "Léa", "last_name": "Dubois", "email": "lea@example.com",
            "perm_invoices": "y", **extra}  # fmt: skip


def test_a_new_contact_gets_its_custom_values(client, ctx, login_as):
    login_as(make_admin())
    field = make_custom_field("badge", "number", entity="contact", labels={"en": "Badge number"})
    customer = make_customer()
    url = f"/admin/customers/{customer.id}/contacts/new"
    assert "Badge number" in client.get(url).get_data(as_text=True)
    response = client.post_form(url, contact_data(cf_badge="42", send_link=""), token_from=url)
    assert response.status_code == 303
    contact = db.session.scalar(select(Contact))
    row = db.session.scalar(select(CustomFieldValue))
    assert (row.entity_type, row.record_id, row.field_id) == ("contact", contact.id, field.id)
    assert row.value_number == Decimal(42)
    page = client.get(f"/admin/customers/{customer.id}/contacts/{contact.id}")
    assert 'value="42"' in page.get_data(as_text=True)


def test_a_bad_or_missing_value_is_refused_and_nothing_is_written(client, ctx, login_as):
    login_as(make_admin())
    make_custom_field("badge", "number", entity="contact", required=True)
    customer = make_customer()
    contact = make_contact(customer, first_name="Ann")
    url = f"/admin/customers/{customer.id}/contacts/{contact.id}"
    for value, message in (("", "Fill in this field."), ("twelve", "Enter a number")):
        data = contact_data(cf_badge=value, first_name="Renamed")
        response = client.post_form(url, data, token_from=url, headers=HX)
        assert response.status_code == 422
        assert message in html.unescape(response.get_data(as_text=True))
    assert db.session.scalar(select(func.count()).select_from(CustomFieldValue)) == 0
    db.session.expire_all()
    assert db.session.get(Contact, contact.id).first_name == "Ann"


def test_a_changed_value_is_in_the_customers_activity(client, ctx, login_as):
    login_as(make_admin())
    make_custom_field("team", "choice", entity="contact", labels={"en": "Team"},
                      choices=[("ops", "Operations"), ("fin", "Finance")])  # fmt: skip
    customer = make_customer()
    contact = make_contact(customer)
    url = f"/admin/customers/{customer.id}/contacts/{contact.id}"
    data = contact_data(cf_team="fin", email=contact.email)
    assert client.post_form(url, data, token_from=url).status_code == 303
    activity = client.get(f"/admin/customers/{customer.id}/activity").get_data(as_text=True)
    assert "Team" in activity and "Finance" in activity


def test_deleting_a_customer_removes_its_and_its_contacts_values(client, ctx, login_as):
    from app.services.customers.service import delete_customer

    customer_field = make_custom_field("code", "text")
    contact_field = make_custom_field("badge", "text", entity="contact")
    customer = make_customer()
    contact = make_contact(customer)
    db.session.add_all([
        CustomFieldValue(entity_type="customer", record_id=customer.id,
                         field_id=customer_field.id, value_text="A"),
        CustomFieldValue(entity_type="contact", record_id=contact.id,
                         field_id=contact_field.id, value_text="B"),
    ])  # fmt: skip
    db.session.commit()
    delete_customer(customer)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(CustomFieldValue)) == 0
