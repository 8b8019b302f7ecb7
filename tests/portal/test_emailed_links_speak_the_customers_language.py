"""Links in emails carry the language the email speaks: a contact who chooses a password through
the emailed link lands on a sign-in page in the customer's language, not the browser's; a staff
member's reset link opens pages in their own language."""

import re
from html import unescape

import pytest

from app.extensions import db
from app.models import Contact
from app.services.customers.contacts import send_contact_added_email
from tests.factories import make_admin, make_contact, make_customer, make_user

ENGLISH_BROWSER = {"Accept-Language": "en-GB,en;q=0.9"}
SIGN_IN = {
    "fr": "espace client",
    "de": "Am Kundenportal anmelden",
    "es": "Iniciar sesión en el portal de clientes",
}
NEW_PASSWORD = "my portal secret"


@pytest.fixture
def staff(client, ctx, login_as):
    login_as(make_admin())
    return client


def links(message) -> list[str]:
    """The paths the email's links (HTML part) open, each once, in order."""
    html = message.get_body(("html",)).get_content()
    found = re.findall(r'href="https://crm\.example\.com(/[^"]+)"', html)
    return list(dict.fromkeys(unescape(u) for u in found))


def send_password_link(client, contact, inbox):
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/send-link"
    assert client.post_form(url, {}, token_from="/admin/").status_code == 303
    message = inbox.only()
    inbox.clear()
    return message


def choose_password(visitor, link):
    token = visitor.csrf_token(link, headers=ENGLISH_BROWSER)
    return visitor.post(
        link,
        data={"csrf_token": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        headers=ENGLISH_BROWSER,
    )


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_after_choosing_a_password_the_sign_in_page_speaks_the_customers_language(
    app, staff, inbox, language
):
    contact = make_contact(make_customer(language=language))
    message = send_password_link(staff, contact, inbox)
    link = next(u for u in links(message) if u.startswith("/clients/set-password/"))
    assert link.endswith(f"?lang={language}")
    visitor = app.test_client()  # a browser set to English
    page = visitor.get(link, headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert f'<html lang="{language}"' in page
    done = choose_password(visitor, link)
    assert done.status_code == 303 and done.headers["Location"] == "/clients/login"
    login = visitor.get("/clients/login", headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert f'<html lang="{language}"' in login and SIGN_IN[language] in login
    db.session.expire_all()
    assert db.session.get(Contact, contact.id).password_hash


def test_an_older_link_without_the_language_lands_in_the_customers_language_too(app, staff, inbox):
    contact = make_contact(make_customer(language="de"))
    message = send_password_link(staff, contact, inbox)
    link = next(u for u in links(message) if u.startswith("/clients/set-password/"))
    bare = link.split("?")[0]  # as sent before links carried the language
    visitor = app.test_client()
    assert choose_password(visitor, bare).status_code == 303
    login = visitor.get("/clients/login", headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert '<html lang="de"' in login and SIGN_IN["de"] in login


def test_every_portal_link_of_a_contact_email_carries_the_language(app, ctx, inbox):
    contact = make_contact(make_customer(language="es"))
    send_contact_added_email(contact, None)  # the 'New contact added' email: two links
    db.session.commit()
    found = links(inbox.only())
    assert len(found) == 2 and all(u.endswith("?lang=es") for u in found), found
    # A signed-out contact following the portal address meets the Spanish sign-in page.
    portal = next(u for u in found if u.startswith("/clients/login"))
    visitor = app.test_client()
    page = visitor.get(portal, headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert '<html lang="es"' in page and SIGN_IN["es"] in page
    assert '<html lang="es"' in visitor.get("/clients/forgot-password").get_data(as_text=True)


def test_a_deep_link_goes_to_a_sign_in_page_in_the_links_language(app, ctx):
    visitor = app.test_client()
    response = visitor.get("/clients/invoices?lang=fr", headers=ENGLISH_BROWSER)
    assert response.status_code == 302
    page = visitor.get(response.headers["Location"], headers=ENGLISH_BROWSER)
    assert SIGN_IN["fr"] in page.get_data(as_text=True)


def test_the_switch_on_the_page_wins_over_the_links_language(app, ctx):
    visitor = app.test_client()
    visitor.get("/clients/login?lang=fr")
    token = visitor.csrf_token("/clients/login")
    response = visitor.post(
        "/language",
        data={"csrf_token": token, "language": "de", "next": "/clients/login?lang=fr"},
    )
    assert response.headers["Location"] == "/clients/login"
    assert SIGN_IN["de"] in visitor.get("/clients/login").get_data(as_text=True)


def test_a_signed_in_persons_language_is_not_changed_by_a_link(client, ctx, login_as):
    login_as(make_user(language="de"))
    page = client.get("/admin/?lang=fr").get_data(as_text=True)
    assert '<html lang="de"' in page
    assert '<html lang="de"' in client.get("/admin/").get_data(as_text=True)


def test_unknown_languages_in_a_link_are_ignored(client):
    page = client.get("/clients/login?lang=xx", headers=ENGLISH_BROWSER)
    assert page.status_code == 200 and '<html lang="en"' in page.get_data(as_text=True)
    assert "lang=" not in (page.headers.get("Set-Cookie") or "")


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fr", "Choisissez un nouveau mot de passe"), ("de", "Neues Passwort festlegen"),
     ("es", "Elija una nueva contraseña")],
)  # fmt: skip
def test_a_staff_reset_link_opens_pages_in_the_members_language(app, ctx, inbox, language, heading):
    user = make_user(language=language)
    visitor = app.test_client()
    visitor.post_form("/admin/forgot-password", {"email": user.email})
    message = inbox.only()
    link = next(u for u in links(message) if u.startswith("/admin/reset-password/"))
    assert link.endswith(f"?lang={language}")
    page = visitor.get(link, headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert f'<html lang="{language}"' in page and heading in page
    token = visitor.csrf_token(link, headers=ENGLISH_BROWSER)
    done = visitor.post(
        link, data={"csrf_token": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert done.status_code == 303
    login = visitor.get("/admin/login", headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert f'<html lang="{language}"' in login


RESET_SUBJECT = {
    "fr": "Réinitialisez votre mot de passe chez Comptoir",
    "de": "Setzen Sie Ihr Passwort bei Comptoir zurück",
    "es": "Restablezca su contraseña en Comptoir",
}


@pytest.mark.parametrize("language", RESET_SUBJECT)
def test_a_member_without_a_language_gets_the_reset_in_the_pages_language(
    app, ctx, inbox, language
):
    user = make_user(language=None)
    visitor = app.test_client()
    page_headers = {"Accept-Language": language}  # the forgotten-password page speaks it
    visitor.post_form("/admin/forgot-password", {"email": user.email}, headers=page_headers)
    message = inbox.only()
    assert message["Subject"] == RESET_SUBJECT[language]
    link = next(u for u in links(message) if u.startswith("/admin/reset-password/"))
    assert link.endswith(f"?lang={language}")
    page = app.test_client().get(link, headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert f'<html lang="{language}"' in page


def test_a_members_own_language_wins_over_the_pages(app, ctx, inbox):
    user = make_user(language="de")
    visitor = app.test_client()
    visitor.post_form(
        "/admin/forgot-password", {"email": user.email}, headers={"Accept-Language": "fr"}
    )
    assert inbox.only()["Subject"] == RESET_SUBJECT["de"]


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", "?lang=fr"), ("de", "?lang=de"), (None, "")]
)
def test_links_in_emails_to_staff_carry_their_language(app, ctx, inbox, language, expected):
    from app.services.mail.staff import email_staff

    user = make_user(language=language)
    email_staff([user], "ticket_opened_staff", {"client_company": "Acme", "ticket_number": 7,
                "ticket_subject": "Help", "ticket_reply": "Hi",
                "ticket_admin_url": "https://crm.example.com/admin/tickets/7"}, None)  # fmt: skip
    db.session.commit()
    assert links(inbox.only()) == ["/admin/tickets/7" + expected]
    if language:  # signed out, the sign-in page it leads to speaks their language
        visitor = app.test_client()
        response = visitor.get("/admin/tickets/7" + expected, headers=ENGLISH_BROWSER)
        page = visitor.get(response.headers["Location"], headers=ENGLISH_BROWSER)
        assert f'<html lang="{language}"' in page.get_data(as_text=True)
