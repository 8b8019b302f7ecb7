"""Portal sign-in: credentials, inactive contacts and customers, throttling, reset links."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Contact, Customer
from tests.factories import PASSWORD, make_contact, make_customer, make_portal_contact, make_user

LOGIN = "/clients/login"


def login(client, email, password, **extra):
    return client.post_form(
        LOGIN, {"email": email, "password": password, **extra}, token_from=LOGIN
    )


def test_contact_signs_in_and_sees_its_dashboard(client, ctx):
    contact = make_portal_contact(first_name="Claire")
    response = login(client, contact.email.upper(), PASSWORD)
    assert response.status_code == 303 and response.headers["Location"] == "/clients/"
    page = client.get("/clients/").get_data(as_text=True)
    assert "Acme Portal" in page and "Welcome, Claire." in page


def test_wrong_password_and_unknown_email_get_the_same_answer(client, ctx):
    contact = make_portal_contact()
    wrong = login(client, contact.email, "not the password")
    unknown = login(client, "nobody@example.com", "not the password")
    assert wrong.status_code == unknown.status_code == 422
    assert "Wrong email or password." in wrong.get_data(as_text=True)
    assert "Wrong email or password." in unknown.get_data(as_text=True)


def test_contact_without_password_cannot_sign_in(client, ctx):
    contact = make_contact()
    assert login(client, contact.email, "").status_code == 422
    assert login(client, contact.email, "anything at all").status_code == 422


@pytest.mark.parametrize("what", ["contact", "customer"])
def test_inactive_contacts_and_customers_cannot_sign_in(client, ctx, what):
    contact = make_portal_contact()
    if what == "contact":
        contact.active = False
    else:
        contact.customer.active = False
    db.session.commit()
    assert login(client, contact.email, PASSWORD).status_code == 422


def test_deactivating_the_customer_ends_open_sessions(client, ctx):
    contact = make_portal_contact()
    login(client, contact.email, PASSWORD)
    assert client.get("/clients/").status_code == 200
    db.session.get(Customer, contact.customer_id).active = False
    db.session.commit()
    response = client.get("/clients/")
    assert response.status_code == 302 and response.headers["Location"].startswith(LOGIN)


def test_failures_are_throttled(client, ctx):
    contact = make_portal_contact()
    for _ in range(5):
        assert login(client, contact.email, "wrong password").status_code == 422
    assert login(client, contact.email, PASSWORD).status_code == 429


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "javascript:alert(1)"])
def test_next_never_leads_off_site(client, ctx, target):
    contact = make_portal_contact()
    response = login(client, contact.email, PASSWORD, next=target)
    assert response.headers["Location"] == "/clients/"


def test_logout(client, ctx):
    contact = make_portal_contact()
    login(client, contact.email, PASSWORD)
    token = client.csrf_token("/clients/")
    assert client.post("/clients/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/clients/").status_code == 302


def test_staff_and_contacts_are_separate_identities(client, ctx, login_as):
    login_as(make_user())
    response = client.get("/clients/")
    assert response.status_code == 302 and response.headers["Location"].startswith(LOGIN)
    contact = make_portal_contact()
    login(client, contact.email, PASSWORD)
    assert client.get("/clients/").status_code == 200
    admin = client.get("/admin/")
    assert admin.status_code == 302 and admin.headers["Location"].startswith("/admin/login")


def test_forgot_password_emails_a_one_hour_link_in_the_customers_language(app, client, ctx, inbox):
    customer = make_customer(language="fr")
    contact = make_portal_contact(customer=customer)
    response = client.post_form(
        "/clients/forgot-password", {"email": contact.email}, headers={"Host": "evil.example"}
    )
    assert response.status_code == 303
    message = inbox.only()
    assert "mot de passe" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert re.search(r"1\s+heure", text) and "evil.example" not in text
    link = re.search(r"https://crm\.example\.com(/clients/set-password/\S+)", text).group(1)
    visitor = app.test_client()
    token = visitor.csrf_token(link)
    done = visitor.post(
        link,
        data={
            "csrf_token": token,
            "password": "a new portal secret",
            "confirm": "a new portal secret",
        },
    )
    assert done.status_code == 303 and done.headers["Location"] == LOGIN
    assert login(visitor, contact.email, "a new portal secret").status_code == 303
    assert visitor.get(link).status_code == 404


def test_forgot_password_for_unknown_or_inactive_sends_nothing(client, ctx, inbox):
    inactive = make_portal_contact(active=False)
    for email in ["nobody@example.com", inactive.email]:
        response = client.post_form("/clients/forgot-password", {"email": email})
        assert response.status_code == 303
    assert inbox.messages == []


def test_a_staff_reset_link_does_not_open_the_portal_page(client, ctx, inbox):
    user = make_user()
    client.post_form("/admin/forgot-password", {"email": user.email})
    text = inbox.only().get_body(("plain",)).get_content()
    raw = re.search(r"/admin/reset-password/(\S+)", text).group(1)
    assert client.get(f"/clients/set-password/{raw}").status_code == 404
    assert db.session.scalars(select(Contact)).all() == []
