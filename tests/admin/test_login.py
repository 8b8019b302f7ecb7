"""Staff sign-in: credentials, remember-me, throttling, open redirects, sign-out."""

import pytest

from app.extensions import db
from app.models import User
from tests.factories import PASSWORD, make_user


def login(client, email, password, **extra):
    return client.post_form("/admin/login", {"email": email, "password": password, **extra})


def test_login_with_the_right_password_opens_the_dashboard(client, ctx):
    user = make_user(name="Dana Staff")
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/"
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "Dana Staff" in page.get_data(as_text=True)


def test_email_is_compared_case_insensitively(client, ctx):
    user = make_user(email="mixed@example.com")
    assert login(client, "  MIXED@Example.com ", PASSWORD).status_code == 303
    db.session.expire_all()
    assert db.session.get(User, user.id).last_login_at is not None


def test_wrong_password_and_unknown_email_get_the_same_answer(client, ctx):
    user = make_user()
    wrong = login(client, user.email, "not the password")
    unknown = login(client, "nobody@example.com", "not the password")
    assert wrong.status_code == unknown.status_code == 422
    assert "Wrong email or password." in wrong.get_data(as_text=True)
    assert "Wrong email or password." in unknown.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


def test_inactive_staff_cannot_sign_in(client, ctx):
    user = make_user(active=False)
    assert login(client, user.email, PASSWORD).status_code == 422


def test_empty_form_shows_errors_beside_fields(client):
    response = login(client, "", "")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'id="email-error"' in body and 'id="password-error"' in body


def test_passwords_are_hashed_with_scrypt(app, ctx):
    assert app.config["PASSWORD_HASH_METHOD"].startswith("scrypt")
    user = make_user()
    assert user.password_hash.startswith("scrypt:")
    assert PASSWORD not in user.password_hash


def test_remember_me_sets_a_lasting_cookie(client, ctx):
    user = make_user()
    response = login(client, user.email, PASSWORD, remember="y")
    cookies = response.headers.getlist("Set-Cookie")
    remember = [c for c in cookies if c.startswith("remember_token=")]
    assert remember and "HttpOnly" in remember[0] and "Expires=" in remember[0]


def test_without_remember_me_no_lasting_cookie(client, ctx):
    user = make_user()
    response = login(client, user.email, PASSWORD)
    assert not [
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")
    ]


def test_session_cookie_is_httponly_and_lax(client, ctx):
    user = make_user()
    cookie = [
        c
        for c in login(client, user.email, PASSWORD).headers.getlist("Set-Cookie")
        if c.startswith("session=")
    ][0]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_logout_ends_the_session(client, ctx):
    user = make_user()
    login(client, user.email, PASSWORD)
    token = client.csrf_token("/admin/")
    response = client.post("/admin/logout", data={"csrf_token": token})
    assert response.status_code == 303
    assert client.get("/admin/").status_code == 302


def test_repeated_failures_on_one_account_are_throttled(client, ctx):
    user = make_user()
    for _ in range(5):
        assert login(client, user.email, "wrong password").status_code == 422
    # Even the right password waits now, and the answer says so.
    blocked = login(client, user.email, PASSWORD)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    # Another account from the same address is not locked by this one.
    other = make_user()
    assert login(client, other.email, PASSWORD).status_code == 303


def test_successful_sign_ins_do_not_count(client, ctx):
    user = make_user()
    for _ in range(7):
        assert login(client, user.email, PASSWORD).status_code == 303
        client.post("/admin/logout", data={"csrf_token": client.csrf_token("/admin/")})


def test_repeated_failures_from_one_address_are_throttled(client, ctx):
    for n in range(20):
        assert login(client, f"guess{n}@example.com", "wrong password").status_code == 422
    assert login(client, "guess-last@example.com", "wrong password").status_code == 429
    other_address = client.post_form(
        "/admin/login",
        {"email": "x@example.com", "password": "wrong password"},
        environ_base={"REMOTE_ADDR": "127.0.0.2"},
    )
    assert other_address.status_code == 422


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "https://evil.example/",
        "http:evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        " //evil.example",
    ],
)
def test_next_never_leads_off_site(client, ctx, target):
    user = make_user()
    response = login(client, user.email, PASSWORD, next=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/"


def test_next_leads_to_our_own_path(client, ctx):
    user = make_user()
    first = client.get("/admin/staff/")
    assert first.headers["Location"] == "/admin/login?next=/admin/staff/"
    response = login(client, user.email, PASSWORD, next="/admin/staff/")
    assert response.headers["Location"] == "/admin/staff/"


def test_the_offline_page_never_rewrites_the_session_cookie(client, ctx):
    """The service worker fetches /offline in the background on a first visit, with the cookie
    from before sign-in: if its answer set that cookie again, a sign-in made meanwhile would be
    undone and the next page would ask to sign in again."""
    user = make_user()
    before = client.get("/admin/login")
    assert before.headers.getlist("Set-Cookie")  # the sign-in page starts a session
    offline = client.get("/offline")
    assert offline.status_code == 200
    assert offline.headers.getlist("Set-Cookie") == []
    assert login(client, user.email, PASSWORD).status_code == 303
    assert client.get("/offline").headers.getlist("Set-Cookie") == []
    assert client.get("/admin/").status_code == 200


def test_a_deactivated_account_still_signed_in_gets_the_sign_in_page(client, ctx, login_as):
    """No redirect loop between the sign-in page and the dashboard for a live session whose
    account was deactivated meanwhile, nor from the app's start page."""
    user = make_user()
    login_as(user)
    user.active = False
    db.session.commit()
    assert client.get("/admin/").headers["Location"].startswith("/admin/login")
    assert client.get("/admin/login").status_code == 200
    assert client.get("/").headers["Location"] == "/admin/"
