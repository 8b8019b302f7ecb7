"""A password link's `?lang=` wins over the browser: the page, the sign-in page after it and its
message speak the link's language (contacts' set-password links and staff reset links)."""

import html
import re

import pytest

from tests.admin.test_contacts import _link
from tests.admin.test_password_reset import ask_reset, reset_link
from tests.factories import make_contact, make_customer, make_user

ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}
NEW_PASSWORD = "a brand new passphrase"
SET = {
    "fr": ("Choisissez votre mot de passe", "Votre mot de passe est"),
    "de": ("Passwort festlegen", "Ihr Passwort ist festgelegt, Ann."),
    "es": ("Establezca su contraseña", "Su contraseña está establecida, Ann."),
}
RESET_DONE = {
    "fr": "Votre mot de passe a été modifié. Veuillez vous connecter.",
    "de": "Ihr Passwort wurde geändert. Bitte melden Sie sich an.",
    "es": "Su contraseña ha sido cambiada. Inicie sesión.",
}


@pytest.fixture
def staff(client, ctx, login_as):
    login_as(make_user())


def in_language(link: str, language: str) -> str:
    return re.sub(r"\?lang=\w+", "", link) + f"?lang={language}"


def choose(visitor, link):
    """Fill in the page's form and send it where the form says."""
    page = visitor.get(link, headers=ENGLISH_BROWSER).get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    action = html.unescape(re.search(r'<form[^>]* action="([^"]+)"', page).group(1))
    data = {"csrf_token": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    return visitor.post(action, data=data, headers=ENGLISH_BROWSER)


@pytest.mark.parametrize("language", SET)
def test_the_set_password_flow_speaks_the_links_language(app, client, staff, inbox, language):
    contact = make_contact(make_customer())  # no language of its own
    url = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/send-link"
    client.post_form(url, {}, token_from="/admin/")
    link = in_language(_link(inbox), language)
    visitor = app.test_client()
    page = visitor.get(link, headers=ENGLISH_BROWSER).get_data(as_text=True)
    heading, message = SET[language]
    assert f'<html lang="{language}"' in page and heading in page
    assert "Set your password" not in page and "Welcome," not in page
    done = choose(visitor, link)
    assert done.status_code == 303
    login = visitor.get(done.headers["Location"], headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert f'<html lang="{language}"' in login and message in login
    assert "You can sign in now" not in login


@pytest.mark.parametrize("language", RESET_DONE)
def test_the_staff_reset_flow_speaks_the_links_language(app, client, ctx, inbox, language):
    user = make_user()  # no language of their own
    ask_reset(client, user.email)
    link = in_language(reset_link(inbox), language)
    visitor = app.test_client()
    page = visitor.get(link, headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert f'<html lang="{language}"' in page
    done = choose(visitor, link)
    assert done.status_code == 303
    login = visitor.get(done.headers["Location"], headers=ENGLISH_BROWSER).get_data(as_text=True)
    assert f'<html lang="{language}"' in login and RESET_DONE[language] in login
