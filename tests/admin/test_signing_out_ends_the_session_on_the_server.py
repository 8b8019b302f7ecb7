"""Sign-out ends the session on the server: a copied session or remember-me cookie stops working
at once, for staff and contacts; the CSRF token changes at sign-in and sign-out."""

import re

import pytest

from app.extensions import db
from app.models import SignInSession
from tests.factories import PASSWORD, make_portal_contact, make_user

AREAS = {
    # area: (sign-in page, signed-in page, sign-out, person factory)
    "staff": ("/admin/login", "/admin/", "/admin/logout", make_user),
    "portal": ("/clients/login", "/clients/", "/clients/logout", make_portal_contact),
}
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def sign_in(client, area, person, **extra):
    login_page = AREAS[area][0]
    response = client.post_form(
        login_page,
        {"email": person.email, "password": PASSWORD, **extra},
        token_from=login_page,
        headers={"User-Agent": FIREFOX},
    )
    assert response.status_code == 303
    return response


def sign_out(client, area):
    home, logout = AREAS[area][1], AREAS[area][2]
    return client.post(logout, data={"csrf_token": client.csrf_token(home)})


def opens(client, area) -> bool:
    return client.get(AREAS[area][1]).status_code == 200


def copy_cookie(app, client, name):
    """A second browser holding only a copy of `client`'s cookie `name`."""
    cookie = client.get_cookie(name)
    assert cookie is not None, name
    other = app.test_client()
    other.set_cookie(name, cookie.value)
    return other


@pytest.mark.parametrize("area", AREAS)
def test_a_copied_session_cookie_stops_working_at_sign_out(app, client, ctx, area):
    sign_in(client, area, AREAS[area][3]())
    thief = copy_cookie(app, client, "session")
    assert opens(thief, area)  # the copy works while the session lives
    assert sign_out(client, area).status_code == 303
    assert not opens(client, area)
    assert not opens(thief, area)


@pytest.mark.parametrize("area", AREAS)
def test_a_copied_remember_me_cookie_stops_working_at_sign_out(app, client, ctx, area):
    sign_in(client, area, AREAS[area][3](), remember="y")
    thief = copy_cookie(app, client, "remember_token")
    assert opens(thief, area)  # a browser with only the remember-me cookie is signed in
    sign_out(client, area)
    fresh = copy_cookie(app, thief, "remember_token")  # the copy, in a browser without a session
    assert not opens(fresh, area)
    assert not opens(thief, area)


@pytest.mark.parametrize("area", AREAS)
def test_the_session_row_records_browser_address_and_remember(client, ctx, area):
    person = AREAS[area][3]()
    sign_in(client, area, person, remember="y")
    row = db.session.scalars(db.select(SignInSession)).one()
    assert row.person.email == person.email
    assert (row.browser, row.os, row.ip_address, row.remember) == (
        "Firefox 128",
        "Linux",
        "127.0.0.1",
        True,
    )
    assert row.ended_at is None
    sign_out(client, area)
    db.session.expire_all()
    assert db.session.get(SignInSession, row.id).ended_at is not None


def _token(client, path):
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


@pytest.mark.parametrize("area", AREAS)
def test_the_csrf_token_is_renewed_at_sign_in_and_sign_out(client, ctx, area):
    login_page, home = AREAS[area][0], AREAS[area][1]
    before = client.csrf_token(login_page)
    sign_in(client, area, AREAS[area][3]())
    during = _token(client, home)
    assert during != before
    # The token seen before signing in no longer posts anything.
    stale = client.post(AREAS[area][2], data={"csrf_token": before})
    assert stale.status_code == 400
    assert opens(client, area)
    sign_out(client, area)
    after = client.csrf_token(login_page)
    assert after not in (before, during)


def test_a_deactivated_staff_member_is_signed_out_at_once(client, ctx):
    user = make_user()
    sign_in(client, "staff", user)
    user.active = False
    db.session.commit()
    assert not opens(client, "staff")


def test_an_ended_session_is_not_brought_back_by_reactivation(client, ctx):
    from app.services.sessions import end_all_sessions

    user = make_user()
    sign_in(client, "staff", user)
    user.active = False
    end_all_sessions(user)
    db.session.commit()
    user.active = True
    db.session.commit()
    assert not opens(client, "staff")
