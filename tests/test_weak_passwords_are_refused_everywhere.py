"""One password rule wherever a password is chosen (staff reset, My profile, portal
set-password, portal profile, `flask users create`): at least 10 characters, not the person's
name or email, not a common password; refused beside the field in the reader's language."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import User
from tests.factories import PASSWORD, make_customer, make_portal_contact, make_user

COMMON = {
    "en": "This password is among the most common ones.",
    "fr": "Ce mot de passe fait partie des plus courants.",
    "de": "Dieses Passwort gehört zu den häufigsten.",
    "es": "Esta contraseña está entre las más comunes.",
}
PERSONAL = {
    "en": "It contains your name or email.",
    "fr": "Il contient votre nom ou votre adresse e-mail.",
    "de": "Es enthält Ihren Namen oder Ihre E-Mail-Adresse.",
    "es": "Contiene su nombre o su correo electrónico.",
}
SHORT = {
    "en": "Use at least 10 characters.",
    "fr": "Utilisez au moins 10 caractères.",
    "de": "Verwenden Sie mindestens 10 Zeichen.",
    "es": "Use al menos 10 caracteres.",
}
LANGUAGES = ["en", "fr", "de", "es"]
STRONG = "Plum-orchard-seventy-9"


def refused(response, text: str) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code == 422, response.status_code
    assert 'id="password-error"' in body
    assert text.replace("'", "&#39;") in body, body[-3000:]


def choose(client, url, password, token_from=None, **extra):
    data = {"password": password, "confirm": password, **extra}
    return client.post_form(url, data, token_from=token_from or url)


def staff_reset_url(client, user, inbox) -> str:
    client.post_form("/admin/forgot-password", {"email": user.email})
    text = inbox.only().get_body(("plain",)).get_content()
    inbox.clear()
    return re.search(r"https://crm\.example\.com(/admin/reset-password/\S+)", text).group(1)


def contact_set_url(client, contact, inbox) -> str:
    client.post_form("/clients/forgot-password", {"email": contact.email})
    text = inbox.only().get_body(("plain",)).get_content()
    inbox.clear()
    return re.search(r"https://crm\.example\.com(/clients/set-password/\S+)", text).group(1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_reset_page_says_why(app, ctx, inbox, language):
    user = make_user(name="Dana Staff", email="dana.staff@example.com", language=language)
    client = app.test_client()
    url = staff_reset_url(client, user, inbox)
    refused(choose(client, url, "password123"), COMMON[language])
    refused(choose(client, url, "DanaStaff2024"), PERSONAL[language])
    refused(choose(client, url, "dana.staff@example.com"), PERSONAL[language])
    assert choose(client, url, STRONG).status_code == 303


@pytest.mark.parametrize("language", LANGUAGES)
def test_my_profile_says_why(app, client, ctx, login_as, language):
    user = make_user(name="Dana Staff", email="dana@example.com", language=language)
    login_as(user)
    url = "/admin/profile/password"
    current = {"current_password": PASSWORD}
    refused(choose(client, url, "qwertyuiop", "/admin/profile", **current), COMMON[language])
    refused(choose(client, url, "Dana Staff!", "/admin/profile", **current), PERSONAL[language])
    refused(choose(client, url, "Tr0ub4d!", "/admin/profile", **current), SHORT[language])
    assert choose(client, url, STRONG, "/admin/profile", **current).status_code == 303


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_portal_set_password_page_says_why(app, ctx, inbox, language):
    customer = make_customer(language=language)
    contact = make_portal_contact(customer, first_name="Hugo", last_name="Petitjean")
    client = app.test_client()
    url = contact_set_url(client, contact, inbox)
    refused(choose(client, url, "iloveyou123"), COMMON[language])
    refused(choose(client, url, "Hugo Petitjean"), PERSONAL[language])
    assert choose(client, url, STRONG).status_code == 303


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_portal_profile_says_why(app, client, ctx, login_as, language):
    customer = make_customer(language=language)
    contact = make_portal_contact(customer, first_name="Hugo", last_name="Petitjean")
    login_as(contact)
    url = "/clients/profile/password"
    current = {"current_password": PASSWORD}
    refused(choose(client, url, "password1234", "/clients/profile", **current), COMMON[language])
    assert choose(client, url, STRONG, "/clients/profile", **current).status_code == 303


def test_long_passwords_are_checked_without_error(app, client, ctx, login_as):
    user = make_user()
    login_as(user)
    strong = STRONG + "x" * 100  # zxcvbn raises past 72 characters: only those are scored
    response = choose(
        client, "/admin/profile/password", strong, "/admin/profile", current_password=PASSWORD
    )
    assert response.status_code == 303


def test_the_cli_refuses_a_weak_password(app, ctx):
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["users", "create", "ops@example.com", "--password", "password123"])
    assert weak.exit_code != 0 and COMMON["en"] in weak.output
    assert db.session.scalar(select(User).where(User.email == "ops@example.com")) is None
    ok = runner.invoke(args=["users", "create", "ops@example.com", "--password", STRONG])
    assert ok.exit_code == 0, ok.output
