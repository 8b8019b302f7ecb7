"""The security log: each sign-in, failure, sign-out, ended session, password and email change
appears, newest first, in the reader's language — to the person and to administrators."""

import pytest

from app.extensions import db
from app.models import SecurityEvent, SignInSession, User
from app.services.tokens import email_change_token, issue_token
from tests.factories import PASSWORD, make_admin, make_portal_contact, make_user

NEW_PASSWORD = "a brand new passphrase"
WORDS = {
    "en": {
        "sign_in": "Signed in",
        "sign_in_failed": "Failed sign-in: wrong password",
        "sign_out": "Signed out",
        "session_ended": "Ended another session",
        "sessions_ended": "Ended all other sessions",
        "sessions_ended_by_admin": "All sessions ended by an administrator",
        "password_changed": "Password changed",
        "password_reset": "Password chosen through an emailed link",
        "email_changed": "Email address changed",
        "title": "Sessions and security log",
    },
    "fr": {
        "sign_in": "Connexion",
        "sign_in_failed": "Échec de connexion : mot de passe incorrect",
        "sign_out": "Déconnexion",
        "session_ended": "Autre session fermée",
        "sessions_ended": "Toutes les autres sessions fermées",
        "sessions_ended_by_admin": "Toutes les sessions fermées par un administrateur",
        "password_changed": "Mot de passe modifié",
        "password_reset": "Mot de passe choisi par un lien envoyé par e-mail",
        "email_changed": "Adresse e-mail modifiée",
        "title": "Sessions et journal de sécurité",
    },
}


def sign_in(app, login_page, email, password=PASSWORD, status=303):
    client = app.test_client()
    response = client.post_form(
        login_page, {"email": email, "password": password}, token_from=login_page
    )
    assert response.status_code == status
    return client


def events_of(user_id=None, contact_id=None) -> list[str]:
    db.session.expire_all()
    column = SecurityEvent.user_id if user_id else SecurityEvent.contact_id
    query = db.select(SecurityEvent.event).where(column == (user_id or contact_id))
    return db.session.scalars(query.order_by(SecurityEvent.id)).all()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_staff_security_log_shows_every_event(app, ctx, language):
    user = make_user(language=language)
    sign_in(app, "/admin/login", user.email, "not the password", status=422)
    here = sign_in(app, "/admin/login", user.email)
    there = sign_in(app, "/admin/login", user.email)
    there.post("/admin/logout", data={"csrf_token": there.csrf_token("/admin/")})
    third = sign_in(app, "/admin/login", user.email)
    third_row = db.session.scalar(db.select(db.func.max(SignInSession.id)))
    token = here.csrf_token("/admin/profile/security")
    here.post(f"/admin/profile/sessions/{third_row}/end", data={"csrf_token": token})
    sign_in(app, "/admin/login", user.email)
    here.post("/admin/profile/sessions/end-others", data={"csrf_token": token})
    changed = here.post(
        "/admin/profile/password",
        data={"csrf_token": token, "current_password": PASSWORD, "password": NEW_PASSWORD,
              "confirm": NEW_PASSWORD},
    )  # fmt: skip
    assert changed.status_code == 303
    db.session.expire_all()  # the password just changed: the link is made for the saved account
    link = email_change_token(db.session.get(User, user.id), "moved@example.com")
    assert here.post(f"/admin/confirm-email/{link}", data={"csrf_token": token}).status_code == 303
    reset = issue_token(db.session.merge(user), 3600)
    db.session.commit()
    response = here.post(
        f"/admin/reset-password/{reset}",
        data={"csrf_token": token, "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 303
    admin = sign_in(app, "/admin/login", make_admin().email)
    admin.post(
        f"/admin/staff/{user.id}/sessions/end",
        data={"csrf_token": admin.csrf_token(f"/admin/staff/{user.id}/security")},
    )
    expected = [
        "sign_in_failed", "sign_in", "sign_in", "sign_out", "sign_in", "session_ended",
        "sign_in", "sessions_ended", "password_changed", "email_changed", "password_reset",
        "sessions_ended_by_admin",
    ]  # fmt: skip
    assert events_of(user_id=user.id) == expected
    assert not opens_dashboard(third)
    # The person reads it (signed in again), in their language, newest first.
    again = sign_in(app, "/admin/login", "moved@example.com")
    page = again.get("/admin/profile/security").get_data(as_text=True)
    words = WORDS[language]
    assert words["title"] in page
    for event in set(expected):
        assert words[event] in page, event
    assert page.index(words["sessions_ended_by_admin"]) < page.index(words["sign_in_failed"])
    assert "moved@example.com" in page


def opens_dashboard(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_administrators_read_a_colleagues_log_in_their_own_language(app, ctx):
    colleague = make_user(language="en")
    sign_in(app, "/admin/login", colleague.email, "not the password", status=422)
    admin = sign_in(app, "/admin/login", make_admin(language="fr").email)
    page = admin.get(f"/admin/staff/{colleague.id}/security").get_data(as_text=True)
    assert WORDS["fr"]["sign_in_failed"] in page


def test_a_failed_sign_in_for_no_account_is_logged_nowhere(app, ctx):
    sign_in(app, "/admin/login", "nobody@example.com", "whatever", status=422)
    assert db.session.scalar(db.select(db.func.count()).select_from(SecurityEvent)) == 0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_contacts_read_their_own_log(app, ctx, language):
    from tests.factories import make_customer

    contact = make_portal_contact(make_customer(language=language))
    sign_in(app, "/clients/login", contact.email, "not the password", status=422)
    portal = sign_in(app, "/clients/login", contact.email)
    token = portal.csrf_token("/clients/profile")
    changed = portal.post(
        "/clients/profile/password",
        data={"csrf_token": token, "current_password": PASSWORD, "password": NEW_PASSWORD,
              "confirm": NEW_PASSWORD},
    )  # fmt: skip
    assert changed.status_code == 303
    assert events_of(contact_id=contact.id) == ["sign_in_failed", "sign_in", "password_changed"]
    page = portal.get("/clients/profile/security").get_data(as_text=True)
    for event in ("sign_in_failed", "sign_in", "password_changed", "title"):
        assert WORDS[language][event] in page, event
