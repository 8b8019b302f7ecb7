"""Changing a contact's email, permissions or password (the contact form, *Send password link*)
needs customers: edit; *View portal as* needs customers: view as. A role that may only see the
customer is refused (403), nothing changes and nothing is emailed."""

import pytest

from app.extensions import db
from app.models import Contact
from app.roles import MODULES
from tests.factories import make_customer, make_portal_contact, make_user

SEE_ALL = {(m, "view_all") for m, (_n, actions) in MODULES.items() if "view_all" in actions}


@pytest.fixture
def contact(ctx):
    return make_portal_contact(make_customer(company="Boulangerie Martin"),
                               email="claire@example.com", perm_invoices=True)  # fmt: skip


def fresh(contact) -> Contact:
    """The contact as saved now (the test's session may hold an older copy)."""
    db.session.expire_all()
    return db.session.get(Contact, contact.id)


def url(contact, action: str = "") -> str:
    base = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}"
    return f"{base}/{action}" if action else base


def form(contact, **changes) -> dict:
    data = {"first_name": contact.first_name, "last_name": contact.last_name,
            "email": contact.email, "phone": "", "position": "", "perm_invoices": "y"}  # fmt: skip
    return {**data, **changes}


TOKEN_FROM = "/admin/customers"


@pytest.mark.parametrize(
    "changes",
    [{"email": "moved@example.com"}, {"perm_invoices": ""}],
    ids=["email", "permissions"],
)
def test_a_role_that_only_sees_customers_cannot_change_a_contact(
    app, contact, client, login_as, inbox, changes
):
    login_as(make_user(role=SEE_ALL))
    assert client.get(url(contact)).status_code == 403
    response = client.post_form(url(contact), form(contact, **changes), token_from=TOKEN_FROM)
    assert response.status_code == 403
    saved = fresh(contact)
    assert saved.email == "claire@example.com" and saved.perm_invoices
    assert inbox.messages == []


def test_a_role_that_only_sees_customers_cannot_send_a_password_link(
    app, contact, client, login_as, inbox
):
    login_as(make_user(role=SEE_ALL))
    response = client.post_form(url(contact, "send-link"), token_from=TOKEN_FROM)
    assert response.status_code == 403
    assert inbox.messages == []


def test_customers_edit_may_change_the_email_and_send_the_link(
    app, contact, client, login_as, inbox
):
    login_as(make_user(role=SEE_ALL | {("customers", "edit")}))
    response = client.post_form(url(contact), form(contact, email="moved@example.com"),
                                token_from=TOKEN_FROM)  # fmt: skip
    assert response.status_code == 303
    assert fresh(contact).email == "moved@example.com"
    inbox.clear()
    assert client.post_form(url(contact, "send-link"), token_from=TOKEN_FROM).status_code == 303
    assert [m["To"] for m in inbox.messages] == ["moved@example.com"]


@pytest.mark.parametrize("granted", [set(), {("customers", "edit")}], ids=["view", "edit"])
def test_view_portal_as_needs_its_own_capability(app, contact, client, login_as, granted):
    login_as(make_user(role=SEE_ALL | granted))
    contacts = client.get(f"/admin/customers/{contact.customer_id}/contacts")
    assert url(contact, "view-as") not in contacts.get_data(as_text=True)
    response = client.post_form(url(contact, "view-as"), token_from=TOKEN_FROM)
    assert response.status_code == 403
    assert client.get("/clients/").status_code != 200  # no portal session was opened


def test_view_portal_as_with_the_capability(app, contact, client, login_as):
    login_as(make_user(role=SEE_ALL | {("customers", "view_as")}))
    contacts = client.get(f"/admin/customers/{contact.customer_id}/contacts")
    assert url(contact, "view-as") in contacts.get_data(as_text=True)
    response = client.post_form(url(contact, "view-as"), token_from=TOKEN_FROM)
    assert response.status_code == 303
