"""Signing out keeps the sign-in page in the customer's language, only when we ship it."""

from app.extensions import db
from tests.factories import make_customer, make_portal_contact, make_user


def sign_out(client, login_as, person, path):
    login_as(person)
    token = client.csrf_token(path.replace("logout", ""))
    return client.post(path, data={"csrf_token": token}, follow_redirects=True)


def test_a_contact_signs_out_into_their_customers_language(client, ctx, login_as):
    contact = make_portal_contact(customer=make_customer(language="fr"))
    response = sign_out(client, login_as, contact, "/clients/logout")
    page = response.get_data(as_text=True)
    assert '<html lang="fr"' in page and "Vous êtes déconnecté" in page
    assert client.get_cookie("lang").value == "fr"


def test_a_language_we_do_not_ship_is_not_kept(client, ctx, login_as):
    customer = make_customer(language="fr")
    contact = make_portal_contact(customer=customer)
    customer.language = "ja"  # saved before Japanese was removed, say
    db.session.commit()
    response = sign_out(client, login_as, contact, "/clients/logout")
    assert '<html lang="en"' in response.get_data(as_text=True)
    assert client.get_cookie("lang") is None


def test_staff_sign_out_sets_no_language(client, ctx, login_as):
    response = sign_out(client, login_as, make_user(language="de"), "/admin/logout")
    assert "You are signed out." in response.get_data(as_text=True)
    assert client.get_cookie("lang") is None
