"""The contact's own profile: name, phone, password with the current one; company read-only."""

import pytest

from app.extensions import db
from app.models import Contact
from tests.factories import PASSWORD, make_customer, make_portal_contact

URL = "/clients/profile"


@pytest.fixture
def contact(client, ctx, login_as):
    customer = make_customer(
        company="Acme <b>Bold</b>",
        vat_number="FR40303265045",
        country="FR",
        billing_street="1 rue A",
        billing_city="Paris",
        billing_country="FR",
        shipping_city="Lyon",
    )
    person = make_portal_contact(customer, first_name="Ann", phone=None)
    login_as(person)
    return person


def test_profile_shows_the_company_read_only(client, contact):
    page = client.get(URL).get_data(as_text=True)
    assert "Acme &lt;b&gt;Bold&lt;/b&gt;" in page and "<b>Bold</b>" not in page
    assert "FR40303265045" in page and "1 rue A<br>Paris<br>France" in page
    assert 'name="company"' not in page and 'name="vat_number"' not in page


def test_contact_edits_its_name_and_phone(client, contact):
    response = client.post_form(
        URL,
        {"first_name": "Annie", "last_name": "Smith", "phone": "06 12 34 56 78"},
        token_from=URL,
    )
    assert response.status_code == 303
    db.session.expire_all()
    saved = db.session.get(Contact, contact.id)
    assert (saved.first_name, saved.last_name) == ("Annie", "Smith")
    assert saved.phone == "+33612345678"


def test_bad_profile_input_is_refused_beside_the_field(client, contact):
    response = client.post_form(
        URL, {"first_name": "", "last_name": "x" * 101, "phone": "12"}, token_from=URL
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'id="first_name-error"' in body and 'id="last_name-error"' in body


def test_extra_fields_cannot_change_email_or_permissions(client, contact):
    client.post_form(
        URL,
        {
            "first_name": "Ann",
            "last_name": "L",
            "email": "x@evil.example",
            "perm_invoices": "",
            "customer_id": "999",
        },
        token_from=URL,
    )
    db.session.expire_all()
    saved = db.session.get(Contact, contact.id)
    assert saved.email == contact.email and saved.perm_invoices


def test_password_change_needs_the_current_password(client, contact):
    url = URL + "/password"
    wrong = client.post_form(
        url,
        {
            "current_password": "wrong one",
            "password": "brand new pass",
            "confirm": "brand new pass",
        },
        token_from=URL,
    )
    assert wrong.status_code == 422
    assert "The current password is not correct." in wrong.get_data(as_text=True)
    ok = client.post_form(
        url,
        {"current_password": PASSWORD, "password": "brand new pass", "confirm": "brand new pass"},
        token_from=URL,
    )
    assert ok.status_code == 303
    assert client.get(URL).status_code == 200  # this browser stays signed in
    db.session.expire_all()
    from werkzeug.security import check_password_hash

    assert check_password_hash(db.session.get(Contact, contact.id).password_hash, "brand new pass")
