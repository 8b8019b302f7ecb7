"""An email change, a password change or a deactivation retires every unused emailed link of
that person at once (reset, set-password, the email-change confirmation), staff and contacts."""

import re

import pytest

from app.extensions import db
from app.models import Contact, User
from app.services.tokens import retire_links
from tests.factories import PASSWORD, make_contact, make_portal_contact, make_user

NEW_PASSWORD = "Plum-orchard-seventy-9"


def link_in(inbox, path: str) -> str:
    """The path of the `path` link in the single email received, then an empty inbox."""
    text = inbox.only().get_body(("plain",)).get_content()
    inbox.clear()
    match = re.search(rf"https://crm\.example\.com({path}/\S+)", text)
    assert match, text
    return match.group(1)


def staff_reset_link(client, user, inbox) -> str:
    client.post_form("/admin/forgot-password", {"email": user.email})
    return link_in(inbox, "/admin/reset-password")


def contact_link(client, contact, inbox) -> str:
    client.post_form("/clients/forgot-password", {"email": contact.email})
    return link_in(inbox, "/clients/set-password")


def opens(app, link) -> bool:
    return app.test_client().get(link).status_code == 200


@pytest.fixture
def staff(ctx, login_as):
    person = make_user(name="Dana Staff", email="dana@example.com")
    login_as(person)
    return person


def test_a_password_change_retires_the_staff_members_reset_links(app, client, staff, inbox):
    link = staff_reset_link(app.test_client(), staff, inbox)
    assert opens(app, link)
    response = client.post_form(
        "/admin/profile/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        token_from="/admin/profile",
    )
    assert response.status_code == 303
    assert not opens(app, link)


def test_an_email_change_retires_reset_links(app, client, staff, inbox):
    link = staff_reset_link(app.test_client(), staff, inbox)
    data = {"name": staff.name, "email": "dana.new@example.com", "language": "", "timezone": ""}
    client.post_form("/admin/profile", data, token_from="/admin/profile")
    confirm = link_in(inbox, "/admin/confirm-email")
    assert opens(app, link)  # asked for, not yet confirmed
    assert client.post_form(confirm, token_from=confirm).status_code == 303
    assert not opens(app, link)


def test_a_password_change_retires_a_pending_email_confirmation(app, client, staff, inbox):
    data = {"name": staff.name, "email": "dana.new@example.com", "language": "", "timezone": ""}
    client.post_form("/admin/profile", data, token_from="/admin/profile")
    confirm = link_in(inbox, "/admin/confirm-email")
    client.post_form(
        "/admin/profile/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        token_from="/admin/profile",
    )
    assert client.get(confirm).status_code == 404
    assert client.post_form(confirm, token_from="/admin/profile").status_code == 404
    db.session.expire_all()
    assert db.session.get(User, staff.id).email == "dana@example.com"


def test_deactivation_retires_links_for_good(app, ctx, inbox):
    user = make_user()
    link = staff_reset_link(app.test_client(), user, inbox)
    user.active = False
    db.session.commit()
    user.active = True  # reactivated: the old link stays dead
    db.session.commit()
    assert not opens(app, link)


def test_a_contacts_email_change_by_staff_retires_its_links(app, client, staff, inbox):
    contact = make_portal_contact()
    link = contact_link(app.test_client(), contact, inbox)
    assert opens(app, link)
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}"
    data = {"first_name": contact.first_name, "last_name": contact.last_name,
            "email": "moved@example.com", "phone": "", "position": ""}  # fmt: skip
    assert client.post_form(url, data, token_from=url).status_code == 303
    assert not opens(app, link)


def test_a_contacts_own_password_change_retires_its_links(app, client, ctx, login_as, inbox):
    contact = make_portal_contact()
    link = contact_link(app.test_client(), contact, inbox)
    login_as(contact)
    response = client.post_form(
        "/clients/profile/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        token_from="/clients/profile",
    )
    assert response.status_code == 303
    assert not opens(app, link)


@pytest.mark.parametrize("what", ["contact", "customer"])
def test_deactivating_a_contact_or_its_customer_retires_its_links(app, ctx, inbox, what):
    contact = make_portal_contact()
    link = contact_link(app.test_client(), contact, inbox)
    target = contact if what == "contact" else contact.customer
    target.active = False
    db.session.commit()
    target.active = True
    db.session.commit()
    assert not opens(app, link)


def test_retire_links_is_there_for_other_services(app, ctx, inbox):
    user, contact = make_user(), make_portal_contact()
    staff_link = staff_reset_link(app.test_client(), user, inbox)
    portal_link = contact_link(app.test_client(), contact, inbox)
    retire_links(db.session.get(User, user.id))
    db.session.commit()
    assert not opens(app, staff_link) and opens(app, portal_link)
    retire_links(db.session.get(Contact, contact.id))
    db.session.commit()
    assert not opens(app, portal_link)


def test_other_edits_keep_links(app, client, staff, inbox):
    contact = make_contact(first_name="Hugo")
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}"
    client.post_form(f"{url}/send-link", {}, token_from="/admin/")
    link = link_in(inbox, "/clients/set-password")
    data = {"first_name": "Hugues", "last_name": contact.last_name, "email": contact.email,
            "phone": "", "position": "Boss"}  # fmt: skip
    assert client.post_form(url, data, token_from=url).status_code == 303
    assert opens(app, link)
