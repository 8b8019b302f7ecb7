"""My profile: a staff member changes their name, language, time zone, password, and their email
address through a link sent to the new address."""

import re
from datetime import UTC, datetime

import pytest
from werkzeug.security import check_password_hash

from app.extensions import db
from app.models import User
from tests.factories import PASSWORD, make_admin, make_user

URL = "/admin/profile"
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def user(client, ctx, login_as):
    person = make_admin(name="Dana Staff", email="dana@example.com")
    login_as(person)
    return person


def details(user, **changes) -> dict:
    return {
        "name": user.name,
        "email": user.email,
        "language": user.language or "",
        "timezone": user.timezone or "",
        **changes,
    }


def save(client, data):
    return client.post_form(URL, data, token_from=URL)


def saved(user) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def confirm_link(message) -> str:
    text = message.get_body(("plain",)).get_content()
    match = re.search(r"https://crm\.example\.com(/admin/confirm-email/\S+)", text)
    assert match, text
    return match.group(1)


def test_the_top_bar_opens_my_profile(client, user):
    page = client.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/profile"' in page
    profile = client.get(URL).get_data(as_text=True)
    assert 'value="Dana Staff"' in profile and 'value="dana@example.com"' in profile


def test_name_is_saved(client, user):
    response = save(client, details(user, name="  Dana Smith "))
    assert response.status_code == 303 and response.headers["Location"] == URL
    assert saved(user).name == "Dana Smith"
    assert "Dana Smith" in client.get("/admin/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("name", "x" * 121), ("name", "Dana\x07"), ("email", "not an address"),
     ("language", "xx"), ("timezone", "Mars/Olympus")],
)  # fmt: skip
def test_bad_input_is_refused_beside_the_field_and_nothing_is_saved(client, user, field, value):
    # Another field changes too: a refused post keeps nothing of it.
    data = details(user, name="Changed", language="fr") | {field: value}
    response = save(client, data)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert (saved(user).name, saved(user).language) == ("Dana Staff", None)


def test_an_address_of_another_staff_member_is_refused(client, user):
    other = make_user(email="taken@example.com")
    response = save(client, details(user, email="TAKEN@example.com"))
    assert response.status_code == 422
    assert "A staff member with this email already exists." in response.get_data(as_text=True)
    assert saved(user).email == "dana@example.com" and other.email == "taken@example.com"


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", ["Votre profil est enregistré.", "Tableau de bord", "Clients", "Se déconnecter"]),
     ("de", ["Ihr Profil wurde gespeichert.", "Dashboard", "Kunden", "Abmelden"]),
     ("es", ["Su perfil se ha guardado.", "Panel", "Clientes", "Cerrar sesión"]),
     ("en", ["Your profile is saved.", "Dashboard", "Customers", "Sign out"])],
)  # fmt: skip
def test_the_chosen_language_speaks_on_the_next_page(client, user, language, words):
    response = save(client, details(user, language=language))
    assert response.status_code == 303
    assert saved(user).language == language
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'<html lang="{language}"' in page
    for word in words:
        assert word in page, (language, word)
    assert client.get("/admin/").get_data(as_text=True).count(words[-1]) >= 1


def test_same_as_the_sign_in_page_clears_the_language(client, user):
    save(client, details(user, language="de"))
    save(client, details(user, language=""))
    assert saved(user).language is None
    page = client.get("/admin/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="es"' in page  # the browser's, as on the sign-in page


def test_the_time_zone_changes_the_times_shown(client, user):
    user_row = saved(user)
    user_row.last_login_at = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    db.session.commit()
    # Settings → Localization: Europe/Paris by default (UTC+2 in June).
    assert "2:00\u202fPM" in client.get("/admin/staff/").get_data(as_text=True)
    assert save(client, details(user, timezone="America/New_York")).status_code == 303
    assert saved(user).timezone == "America/New_York"
    page = client.get("/admin/staff/").get_data(as_text=True)
    assert "8:00\u202fAM" in page and "2:00\u202fPM" not in page
    profile = client.get(URL).get_data(as_text=True)
    assert '<option selected value="America/New_York">' in profile
    save(client, details(user, timezone=""))  # back to the system default
    assert saved(user).timezone is None
    assert "2:00\u202fPM" in client.get("/admin/staff/").get_data(as_text=True)


def test_a_new_email_changes_only_once_its_link_is_opened(app, client, user, inbox):
    response = save(client, details(user, email="Dana.New@Example.com"))
    assert response.status_code == 303
    page = client.get(URL).get_data(as_text=True)
    assert "We have emailed a link to dana.new@example.com" in page
    assert saved(user).email == "dana@example.com"  # not yet
    message = inbox.only()
    assert message["To"] == "dana.new@example.com"
    assert message["Subject"] == "Confirm your new email address"
    link = confirm_link(message)
    inbox.clear()
    # Opening the link shows a button; a mail scanner fetching it changes nothing.
    shown = client.get(link)
    assert shown.status_code == 200 and "dana.new@example.com" in shown.get_data(as_text=True)
    assert saved(user).email == "dana@example.com"
    done = client.post_form(link, token_from=link)
    assert done.status_code == 303 and done.headers["Location"] == URL
    assert saved(user).email == "dana.new@example.com"
    assert "Your email address is now dana.new@example.com." in client.get(URL).get_data(
        as_text=True
    )
    notice = inbox.only()  # the old address is told
    assert notice["To"] == "dana@example.com"
    assert "dana.new@example.com" in notice.get_body(("plain",)).get_content()
    # The new address signs in; the old one no longer does.
    fresh = app.test_client()
    assert (
        fresh.post_form(
            "/admin/login", {"email": "dana@example.com", "password": PASSWORD}
        ).status_code
        == 422
    )
    assert (
        fresh.post_form(
            "/admin/login", {"email": "dana.new@example.com", "password": PASSWORD}
        ).status_code
        == 303
    )


def test_a_used_link_is_refused(client, user, inbox):
    save(client, details(user, email="first@example.com"))
    first = confirm_link(inbox.only())
    inbox.clear()
    save(client, details(user, email="second@example.com"))
    second = confirm_link(inbox.only())
    assert client.post_form(second, token_from=second).status_code == 303
    # The same link again, and the older one: both refused, the address stays.
    again = client.get(second)
    assert again.status_code == 404 and "This link no longer works" in again.get_data(as_text=True)
    assert client.get(first).status_code == 404
    assert client.post_form(first, token_from=URL).status_code == 404
    assert saved(user).email == "second@example.com"


def test_an_expired_or_forged_link_is_refused(app, client, user, inbox):
    save(client, details(user, email="late@example.com"))
    link = confirm_link(inbox.only())
    app.config["EMAIL_CHANGE_MAX_AGE"] = -1  # every link is older than that
    try:
        assert client.get(link).status_code == 404
        assert client.post_form(link, token_from=URL).status_code == 404
    finally:
        app.config["EMAIL_CHANGE_MAX_AGE"] = 24 * 3600
    assert client.get(link[:-3] + "abc").status_code == 404
    assert client.get("/admin/confirm-email/nonsense").status_code == 404
    assert saved(user).email == "dana@example.com"


def test_the_link_is_refused_if_another_member_took_the_address_meanwhile(client, user, inbox):
    save(client, details(user, email="wanted@example.com"))
    link = confirm_link(inbox.only())
    make_user(email="wanted@example.com")
    response = client.post_form(link, token_from=link)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "A staff member with this email already exists." in page
    assert saved(user).email == "dana@example.com"


def test_the_confirmation_email_speaks_the_members_language(client, user, inbox):
    save(client, details(user, language="fr", email="neu@example.com"))
    message = inbox.only()
    assert message["Subject"] == "Confirmez votre nouvelle adresse e-mail"
    page = client.get(confirm_link(message)).get_data(as_text=True)
    assert "Utiliser cette adresse" in page


def test_password_change_needs_the_current_password(app, client, user):
    url = URL + "/password"
    wrong = client.post_form(
        url,
        {"current_password": "wrong one", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        token_from=URL,
    )
    assert wrong.status_code == 422
    body = wrong.get_data(as_text=True)
    assert 'id="current_password-error"' in body
    assert "The current password is not correct." in body
    assert check_password_hash(saved(user).password_hash, PASSWORD)


@pytest.mark.parametrize(
    ("new", "confirm", "field"),
    [("short", "short", "password"), (NEW_PASSWORD, "something else", "confirm")],
)
def test_password_rules_are_those_of_the_reset_page(client, user, new, confirm, field):
    response = client.post_form(
        URL + "/password",
        {"current_password": PASSWORD, "password": new, "confirm": confirm},
        token_from=URL,
    )
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert check_password_hash(saved(user).password_hash, PASSWORD)


def test_password_change_keeps_this_browser_and_ends_the_others(app, client, user):
    other = app.test_client()
    other.post_form("/admin/login", {"email": user.email, "password": PASSWORD})
    assert other.get("/admin/").status_code == 200
    response = client.post_form(
        URL + "/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        token_from=URL,
    )
    assert response.status_code == 303
    assert client.get("/admin/").status_code == 200  # this browser stays signed in
    assert other.get("/admin/").status_code == 302  # the other session has ended
    assert check_password_hash(saved(user).password_hash, NEW_PASSWORD)


@pytest.mark.parametrize(
    ("language", "message"),
    [("fr", "Le mot de passe actuel est incorrect."),
     ("de", "Das aktuelle Passwort ist nicht korrekt."),
     ("es", "La contraseña actual no es correcta.")],
)  # fmt: skip
def test_refusals_speak_the_members_language(client, user, language, message):
    save(client, details(user, language=language))
    response = client.post_form(
        URL + "/password",
        {"current_password": "wrong one", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        token_from=URL,
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
