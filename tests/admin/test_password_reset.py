"""Password reset by emailed link: one hour, single use, link from BASE_URL."""

import re
from datetime import timedelta

from sqlalchemy import select, update

from app.extensions import db
from app.models import PasswordToken, User
from app.models.types import utcnow
from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "a brand new passphrase"


def ask_reset(client, email, **kwargs):
    return client.post_form("/admin/forgot-password", {"email": email}, **kwargs)


def reset_link(inbox) -> str:
    message = inbox.only()
    text = message.get_body(("plain",)).get_content()
    match = re.search(r"https://crm\.example\.com(/admin/reset-password/\S+)", text)
    assert match, text
    return match.group(1)


def test_reset_email_arrives_with_a_link_built_from_base_url(client, ctx, inbox):
    user = make_user(name="Robin")
    response = ask_reset(client, user.email, headers={"Host": "evil.example"})
    assert response.status_code == 303
    message = inbox.only()
    assert message["To"] == user.email
    assert message["Subject"] == "Reset your password at Comptoir"  # no company name set
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Robin" in text and "evil.example" not in text + html
    assert "https://crm.example.com/admin/reset-password/" in html
    # Only a digest is stored, never the token from the link.
    raw = reset_link(inbox).rsplit("/", 1)[1]
    stored = db.session.scalars(select(PasswordToken.token_hash)).all()
    assert stored and raw not in stored


def test_unknown_email_gets_the_same_answer_and_no_mail(client, inbox):
    response = ask_reset(client, "nobody@example.com")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "If an account uses this address" in page
    assert inbox.messages == []


def test_the_link_sets_a_new_password_once(app, client, ctx, inbox):
    user = make_user()
    ask_reset(client, user.email)
    link = reset_link(inbox)
    assert client.get(link).status_code == 200
    token = client.csrf_token(link)
    done = client.post(
        link, data={"csrf_token": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert done.status_code == 303
    fresh = app.test_client()
    old = fresh.post_form("/admin/login", {"email": user.email, "password": PASSWORD})
    assert old.status_code == 422
    login = fresh.post_form("/admin/login", {"email": user.email, "password": NEW_PASSWORD})
    assert login.status_code == 303
    # Reuse: the same link is dead now.
    assert client.get(link).status_code == 404
    again = client.post(
        link,
        data={
            "csrf_token": token,
            "password": "another passphrase!",
            "confirm": "another passphrase!",
        },
    )
    assert again.status_code == 404


def test_an_expired_link_is_refused(client, ctx, inbox):
    user = make_user()
    ask_reset(client, user.email)
    link = reset_link(inbox)
    db.session.execute(update(PasswordToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    response = client.get(link)
    assert response.status_code == 404
    assert "This link no longer works" in response.get_data(as_text=True)


def test_links_expire_after_one_hour(client, ctx, inbox):
    user = make_user()
    before = utcnow()
    ask_reset(client, user.email)
    token = db.session.scalars(select(PasswordToken)).one()
    assert timedelta(minutes=59) < token.expires_at - before <= timedelta(minutes=61)


def test_a_new_password_ends_older_links_and_sessions(app, client, ctx, inbox):
    user = make_user()
    other_device = app.test_client()
    other_device.post_form("/admin/login", {"email": user.email, "password": PASSWORD})
    assert other_device.get("/admin/").status_code == 200
    ask_reset(client, user.email)
    first = reset_link(inbox)
    inbox.clear()
    ask_reset(client, user.email)
    second = reset_link(inbox)
    token = client.csrf_token(second)
    client.post(
        second, data={"csrf_token": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert client.get(first).status_code == 404
    assert other_device.get("/admin/").status_code == 302


def test_weak_or_mismatched_passwords_are_refused(client, ctx, inbox):
    user = make_user()
    ask_reset(client, user.email)
    link = reset_link(inbox)
    token = client.csrf_token(link)
    short = client.post(link, data={"csrf_token": token, "password": "short", "confirm": "short"})
    assert short.status_code == 422
    assert 'id="password-error"' in short.get_data(as_text=True)
    differ = client.post(
        link, data={"csrf_token": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}
    )
    assert differ.status_code == 422
    assert "The passwords differ." in differ.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(PASSWORD)


def test_a_random_token_is_a_404(client):
    assert client.get("/admin/reset-password/not-a-real-token").status_code == 404


def test_reset_email_follows_the_default_language_chosen_in_settings(client, ctx, inbox):
    from app.services.settings import save_settings

    user = make_user(language=None)
    save_settings({"default_language": "fr"})
    db.session.commit()
    assert ask_reset(client, user.email).status_code == 303
    assert inbox.only()["Subject"] == "Réinitialisez votre mot de passe chez Comptoir"
