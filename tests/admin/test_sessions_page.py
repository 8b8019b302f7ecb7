"""My profile → Sessions and security log: see where you are signed in, end another browser or
all the others; administrators end a colleague's sessions; the portal the same for contacts."""

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import SignInSession
from app.models.types import utcnow
from app.services.sessions import SEEN_EVERY, live_sessions, mark_seen
from tests.factories import PASSWORD, make_admin, make_portal_contact, make_user

CHROME_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
AREAS = {
    "staff": ("/admin/login", "/admin/", "/admin/profile/security", make_user),
    "portal": ("/clients/login", "/clients/", "/clients/profile/security", make_portal_contact),
}


def browser(app, area, person, agent=CHROME_MAC):
    """A new browser signed in as `person` through the sign-in form."""
    client = app.test_client()
    login_page = AREAS[area][0]
    response = client.post_form(
        login_page,
        {"email": person.email, "password": PASSWORD},
        token_from=login_page,
        headers={"User-Agent": agent},
    )
    assert response.status_code == 303
    return client


def opens(client, area) -> bool:
    return client.get(AREAS[area][1]).status_code == 200


def rows_of(person):
    db.session.expire_all()
    return db.session.scalars(db.select(SignInSession).order_by(SignInSession.id)).all()


@pytest.mark.parametrize("area", AREAS)
def test_ending_another_session_signs_that_browser_out(app, ctx, area):
    person = AREAS[area][3]()
    laptop = browser(app, area, person, "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Firefox/128.0")
    phone = browser(app, area, person)
    page = laptop.get(AREAS[area][2]).get_data(as_text=True)
    assert "Firefox 128 · Linux" in page and "Chrome 126 · macOS" in page
    assert "This browser" in page
    other = rows_of(person)[1]
    prefix = AREAS[area][2].rsplit("/", 1)[0]
    url = f"{prefix}/sessions/{other.id}/end"
    response = laptop.post(url, data={"csrf_token": laptop.csrf_token(AREAS[area][2])})
    assert response.status_code == 303
    assert "The session is ended." in laptop.get(AREAS[area][2]).get_data(as_text=True)
    assert not opens(phone, area)
    assert opens(laptop, area)


@pytest.mark.parametrize("area", AREAS)
def test_end_all_other_sessions_keeps_this_one(app, ctx, area):
    person = AREAS[area][3]()
    here, second, third = (browser(app, area, person) for _ in range(3))
    prefix = AREAS[area][2].rsplit("/", 1)[0]
    token = here.csrf_token(AREAS[area][2])
    assert here.post(f"{prefix}/sessions/end-others", data={"csrf_token": token}).status_code == 303
    assert "2 sessions ended." in here.get(AREAS[area][2]).get_data(as_text=True)
    assert opens(here, area)
    assert not opens(second, area) and not opens(third, area)


@pytest.mark.parametrize("area", AREAS)
def test_nobody_ends_or_sees_someone_elses_session(app, ctx, area):
    make = AREAS[area][3]
    mine, theirs = make(), make()
    me = browser(app, area, mine)
    them = browser(app, area, theirs, "Mozilla/5.0 (Windows NT 10.0) Edg/125.0")
    their_row = [row for row in rows_of(theirs) if row.person.email == theirs.email][0]
    page = me.get(AREAS[area][2]).get_data(as_text=True)
    assert "Edge 125" not in page
    prefix = AREAS[area][2].rsplit("/", 1)[0]
    token = me.csrf_token(AREAS[area][2])
    response = me.post(f"{prefix}/sessions/{their_row.id}/end", data={"csrf_token": token})
    assert response.status_code == 404
    assert opens(them, area)


def test_this_browser_cannot_be_ended_from_the_list(app, ctx):
    user = make_user()
    here = browser(app, "staff", user)
    row = rows_of(user)[0]
    token = here.csrf_token("/admin/profile/security")
    assert (
        here.post(f"/admin/profile/sessions/{row.id}/end", data={"csrf_token": token}).status_code
        == 404
    )


def test_last_seen_is_written_at_most_every_five_minutes(app, ctx):
    user = make_user()
    client = browser(app, "staff", user)
    row = rows_of(user)[0]
    first_seen = row.last_seen_at
    assert client.get("/admin/").status_code == 200
    assert rows_of(user)[0].last_seen_at == first_seen  # a request a moment later writes nothing
    # Six minutes later (the row's time set back), the next request writes it once.
    row = rows_of(user)[0]
    row.last_seen_at = utcnow() - timedelta(minutes=6)
    db.session.commit()
    assert client.get("/admin/").status_code == 200
    seen = rows_of(user)[0].last_seen_at
    assert utcnow() - seen < timedelta(minutes=1)
    assert client.get("/admin/").status_code == 200
    assert rows_of(user)[0].last_seen_at == seen


def test_mark_seen_writes_only_a_stale_time(ctx):
    from tests.factories import make_session_row

    user = make_user()
    session_id = make_session_row(user)
    now = utcnow()
    assert not mark_seen(session_id, now + SEEN_EVERY - timedelta(seconds=1))
    assert mark_seen(session_id, now + SEEN_EVERY + timedelta(seconds=1), "192.0.2.7")
    row = rows_of(user)[0]
    assert row.ip_address == "192.0.2.7"
    assert not mark_seen(session_id, now + SEEN_EVERY + timedelta(minutes=2))


def test_a_session_idle_past_its_age_signs_in_nobody(app, ctx):
    user = make_user()
    client = browser(app, "staff", user)
    row = rows_of(user)[0]
    row.last_seen_at = utcnow() - app.config["SESSION_IDLE_MAX_AGE"] - timedelta(minutes=1)
    db.session.commit()
    assert not opens(client, "staff")
    browser(app, "staff", user)
    assert len(live_sessions(db.session.merge(user))) == 1  # the idle one is not listed


def test_an_admin_ends_a_colleagues_sessions(app, ctx):
    colleague = make_user(name="Colin Colleague")
    laptop, phone = browser(app, "staff", colleague), browser(app, "staff", colleague)
    admin = browser(app, "staff", make_admin(name="Ada Admin"))
    staff_list = admin.get("/admin/staff/").get_data(as_text=True)
    page_url = f"/admin/staff/{colleague.id}/security"
    assert page_url in staff_list
    page = admin.get(page_url).get_data(as_text=True)
    assert "Colin Colleague" in page and page.count("Chrome 126 · macOS") >= 2
    response = admin.post(
        f"/admin/staff/{colleague.id}/sessions/end", data={"csrf_token": admin.csrf_token(page_url)}
    )
    assert response.status_code == 303
    page = admin.get(page_url).get_data(as_text=True)
    assert "2 sessions ended." in page
    assert not opens(laptop, "staff") and not opens(phone, "staff")
    assert opens(admin, "staff")
    page = admin.get(page_url).get_data(as_text=True)
    assert "All sessions ended by an administrator" in page and "By Ada Admin" in page


def test_a_colleague_who_is_not_admin_sees_no_one_elses_sessions(app, ctx):
    other = make_user()
    browser(app, "staff", other)
    plain = browser(app, "staff", make_user())
    assert plain.get(f"/admin/staff/{other.id}/security").status_code == 403
    token = plain.csrf_token("/admin/")
    response = plain.post(f"/admin/staff/{other.id}/sessions/end", data={"csrf_token": token})
    assert response.status_code == 403


def test_the_admin_page_of_an_unknown_person_is_404(app, ctx):
    admin = browser(app, "staff", make_admin())
    assert admin.get("/admin/staff/999999/security").status_code == 404


@pytest.mark.parametrize("area", AREAS)
def test_the_log_pages_as_an_htmx_fragment(app, ctx, area):
    client = browser(app, area, AREAS[area][3]())
    fragment = client.get(AREAS[area][2], headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    body = fragment.get_data(as_text=True)
    assert body.lstrip().startswith('<section class="panel" id="security-log">')


def test_an_admin_sends_a_colleague_a_password_reset_link(app, ctx, inbox):
    colleague = make_user(name="Colin Colleague")
    admin = browser(app, "staff", make_admin(name="Ada Admin"))
    page_url = f"/admin/staff/{colleague.id}/security"
    token = admin.csrf_token(page_url)
    sent = admin.post(f"/admin/staff/{colleague.id}/reset-link", data={"csrf_token": token})
    assert sent.status_code == 303
    assert f"A password reset link was sent to {colleague.email}." in admin.get(
        sent.headers["Location"]
    ).get_data(as_text=True)
    page = admin.get(page_url).get_data(as_text=True)
    assert "Password reset link sent by an administrator" in page and "By Ada Admin" in page
    message = inbox.only()
    body = message.get_body(("plain",)).get_content()
    assert message["To"] == colleague.email and "/admin/reset-password/" in body


def test_no_reset_link_for_a_deactivated_colleague(app, ctx, inbox):
    colleague = make_user(active=False)
    admin = browser(app, "staff", make_admin())
    page_url = f"/admin/staff/{colleague.id}/security"
    token = admin.csrf_token(page_url)
    assert "Send a password reset link" not in admin.get(page_url).get_data(as_text=True)
    sent = admin.post(f"/admin/staff/{colleague.id}/reset-link", data={"csrf_token": token})
    assert sent.status_code == 303
    assert "Reactivate" in admin.get(sent.headers["Location"]).get_data(as_text=True)
    assert inbox.messages == []
