"""A customer's contacts: add, edit permissions, primary, activation, links, isolation."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.models import Contact, PasswordToken
from app.models.types import utcnow
from tests.factories import make_contact, make_customer, make_user


@pytest.fixture
def staff(client, ctx, login_as):
    login_as(make_user())


def contact_form(**overrides) -> dict:
    data = {
        "first_name": "Hugo",
        "last_name": "Petit",
        "email": "hugo@example.com",
        "phone": "",
        "position": "Accountant",
        "perm_invoices": "y",
        "perm_support": "y",
    }
    data.update(overrides)
    return data


def post(client, url, data):
    return client.post_form(url, data, token_from=url)


def test_add_a_contact_with_permissions_and_a_link(client, staff, inbox):
    customer = make_customer(company="Acme", language="de")
    url = f"/admin/customers/{customer.id}/contacts/new"
    response = post(client, url, contact_form(send_link="y"))
    assert response.status_code == 303
    contact = db.session.scalars(select(Contact)).one()
    assert contact.is_primary  # the first contact becomes primary
    assert contact.perm_invoices and contact.perm_support and not contact.perm_projects
    message = inbox.only()
    assert message["To"] == "hugo@example.com"
    assert message["Subject"].startswith("Ihr Zugang zum Kundenportal")
    assert "/clients/set-password/" in message.get_body(("plain",)).get_content()


def test_contact_email_is_unique_ignoring_case(client, staff):
    make_contact(email="taken@example.com")
    customer = make_customer()
    url = f"/admin/customers/{customer.id}/contacts/new"
    response = post(client, url, contact_form(email="TAKEN@Example.com"))
    assert response.status_code == 422
    assert "This email is already used by a contact of" in response.get_data(as_text=True)


def test_required_fields_and_bad_email(client, staff):
    customer = make_customer()
    url = f"/admin/customers/{customer.id}/contacts/new"
    response = post(client, url, contact_form(first_name="", email="nope"))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'id="first_name-error"' in body and 'id="email-error"' in body


def test_edit_permissions(client, staff):
    contact = make_contact()
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}"
    data = contact_form(email=contact.email, perm_invoices=None)
    data.pop("perm_invoices")
    assert post(client, url, data).status_code == 303
    db.session.expire_all()
    saved = db.session.get(Contact, contact.id)
    assert not saved.perm_invoices and saved.perm_support and not saved.perm_estimates


def test_exactly_one_primary(client, staff):
    customer = make_customer()
    first, second = make_contact(customer), make_contact(customer)
    url = f"/admin/customers/{customer.id}/contacts/{second.id}/primary"
    assert client.post_form(url, {}, token_from="/admin/").status_code == 303
    db.session.expire_all()
    assert not db.session.get(Contact, first.id).is_primary
    assert db.session.get(Contact, second.id).is_primary


def test_primary_cannot_be_deactivated_but_others_can(client, staff):
    customer = make_customer()
    primary, other = make_contact(customer), make_contact(customer)
    base = f"/admin/customers/{customer.id}/contacts"
    refused = client.post_form(f"{base}/{primary.id}/active", {"active": "0"}, token_from="/admin/")
    assert refused.status_code == 303
    assert (
        client.post_form(
            f"{base}/{other.id}/active", {"active": "0"}, token_from="/admin/"
        ).status_code
        == 303
    )
    db.session.expire_all()
    assert db.session.get(Contact, primary.id).active
    assert not db.session.get(Contact, other.id).active


def test_another_customers_contact_is_a_404(client, staff):
    mine, theirs = make_customer(), make_customer()
    contact = make_contact(theirs)
    base = f"/admin/customers/{mine.id}/contacts/{contact.id}"
    assert client.get(base).status_code == 404
    token = client.csrf_token("/admin/")
    for action in ["", "/primary", "/active", "/send-link"]:
        assert client.post(base + action, data={"csrf_token": token}).status_code == 404


def _link(inbox) -> str:
    text = inbox.only().get_body(("plain",)).get_content()
    return re.search(r"https://crm\.example\.com(/clients/set-password/\S+)", text).group(1)


def test_contact_chooses_a_password_through_the_link(app, client, staff, inbox):
    contact = make_contact()
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/send-link"
    assert client.post_form(url, {}, token_from="/admin/").status_code == 303
    link = _link(inbox)
    visitor = app.test_client()
    page = visitor.get(link)
    assert page.status_code == 200 and "Set your password" in page.get_data(as_text=True)
    token = visitor.csrf_token(link)
    done = visitor.post(
        link,
        data={"csrf_token": token, "password": "my portal secret", "confirm": "my portal secret"},
    )
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(Contact, contact.id).password_hash.startswith("scrypt:")
    assert visitor.get(link).status_code == 404  # single use


def test_expired_or_inactive_links_are_refused(app, client, staff, inbox):
    contact = make_contact()
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/send-link"
    client.post_form(url, {}, token_from="/admin/")
    link = _link(inbox)
    db.session.execute(update(PasswordToken).values(expires_at=utcnow() - timedelta(1)))
    db.session.commit()
    assert app.test_client().get(link).status_code == 404
    db.session.execute(update(PasswordToken).values(expires_at=utcnow() + timedelta(1)))
    db.session.get(Contact, contact.id).customer.active = False
    db.session.commit()
    assert app.test_client().get(link).status_code == 404


def test_the_link_page_speaks_the_customers_language(app, client, staff, inbox):
    customer = make_customer(language="fr")
    contact = make_contact(customer)
    url = f"/admin/customers/{customer.id}/contacts/{contact.id}/send-link"
    client.post_form(url, {}, token_from="/admin/")
    page = app.test_client().get(_link(inbox)).get_data(as_text=True)
    assert '<html lang="fr"' in page
