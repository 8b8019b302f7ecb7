"""Settings → Staff: administrators invite colleagues by email, edit them, deactivate and
reactivate them, and never leave the firm without an active administrator."""

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.models import PasswordToken, User
from app.models.types import utcnow
from app.services.roles import built_in_role
from tests.factories import PASSWORD, make_admin, make_contact, make_sign_in, make_ticket, make_user

NEW_PASSWORD = "a brand new passphrase"

SUBJECTS = {
    "en": "Your account at Comptoir",
    "fr": "Votre compte chez Comptoir",
    "de": "Ihr Konto bei Comptoir",
    "es": "Su cuenta en Comptoir",
}
PAGE_TITLES = {
    "en": "Set your password",
    "fr": "Choisissez votre mot de passe",
    "de": "Passwort festlegen",
    "es": "Establezca su contraseña",
}
WRONG = "Wrong email or password."


def role(key: str) -> str:
    """The id of a shipped role, as the Role select posts it."""
    return str(built_in_role(key).id)


def invite(client, **fields):
    data = {"name": "Camille Martin", "email": "camille@example.com", "language": "",
            "role": role("team_member"), **fields}  # fmt: skip
    return client.post_form("/admin/staff/invite", data, token_from="/admin/")


def invitation_link(inbox) -> str:
    text = inbox.only().get_body(("plain",)).get_content()
    match = re.search(r"https://crm\.example\.com(/admin/invitation/\S+)", text)
    assert match, text
    return match.group(1)


def choose_password(browser, link, password=NEW_PASSWORD):
    token = browser.csrf_token(link)
    return browser.post(link, data={"csrf_token": token, "password": password, "confirm": password})


def member(email: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def sign_in(browser, email, password=PASSWORD):
    return browser.post_form("/admin/login", {"email": email, "password": password})


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_an_invitation_arrives_in_the_invitees_language_and_opens_the_dashboard(
    app, client, ctx, login_as, inbox, language
):
    login_as(make_admin(name="Dominique Admin"))
    response = invite(client, language=language)
    assert response.status_code == 303
    invited = member("camille@example.com")
    assert invited.active and not invited.is_admin and invited.password_hash is None
    message = inbox.only()
    assert message["To"] == "camille@example.com"
    assert message["Subject"] == SUBJECTS[language]
    assert "Dominique Admin" in message.get_body(("plain",)).get_content()
    link = invitation_link(inbox)
    assert f"lang={language}" in link
    colleague = app.test_client()
    page = colleague.get(link)
    assert page.status_code == 200
    assert PAGE_TITLES[language] in page.get_data(as_text=True)
    done = choose_password(colleague, link)
    assert done.status_code == 303 and done.headers["Location"] == "/admin/"
    assert colleague.get("/admin/").status_code == 200  # signed in
    assert member("camille@example.com").last_login_at is not None
    # The link worked once.
    assert app.test_client().get(link).status_code == 404
    assert choose_password(app.test_client(), link, "yet another passphrase").status_code == 404
    # The password chosen is the one that signs in.
    assert sign_in(app.test_client(), "camille@example.com", NEW_PASSWORD).status_code == 303


def test_an_invitee_cannot_sign_in_before_choosing_a_password(app, client, ctx, login_as, inbox):
    login_as(make_admin())
    invite(client)
    response = sign_in(app.test_client(), "camille@example.com", "")
    assert response.status_code == 422
    response = sign_in(app.test_client(), "camille@example.com", "anything at all")
    assert response.status_code == 422 and WRONG in response.get_data(as_text=True)


def test_an_expired_invitation_is_refused(app, client, ctx, login_as, inbox):
    login_as(make_admin())
    invite(client)
    link = invitation_link(inbox)
    token = db.session.scalars(select(PasswordToken)).one()
    assert timedelta(days=6, hours=23) < token.expires_at - utcnow() <= timedelta(days=7)
    db.session.execute(update(PasswordToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    response = app.test_client().get(link)
    assert response.status_code == 404
    assert "Ask an administrator to send you a new one" in response.get_data(as_text=True)
    assert choose_password(app.test_client(), link).status_code == 404
    assert member("camille@example.com").password_hash is None


def test_the_invitation_can_be_sent_again(app, client, ctx, login_as, inbox):
    login_as(make_admin())
    invite(client, language="fr")
    inbox.clear()
    invited = member("camille@example.com")
    response = client.post_form(f"/admin/staff/{invited.id}/invitation", token_from="/admin/")
    assert response.status_code == 303
    assert inbox.only()["Subject"] == SUBJECTS["fr"]
    assert choose_password(app.test_client(), invitation_link(inbox)).status_code == 303
    # Accepted: nothing more to send.
    response = client.post_form(f"/admin/staff/{invited.id}/invitation", token_from="/admin/")
    assert response.status_code == 303
    assert "has already accepted" in client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("typed", ["taken@example.com", "  Taken@Example.COM "])
def test_an_email_already_used_by_staff_is_refused_beside_the_field(
    client, ctx, login_as, inbox, typed
):
    login_as(make_admin())
    make_user(email="taken@example.com")
    response = invite(client, email=typed)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(r'id="email-error">A staff member with this email already exists', page)
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 2
    assert inbox.messages == []


def test_invite_refuses_a_bad_address_and_an_empty_name(client, ctx, login_as, inbox):
    login_as(make_admin())
    response = invite(client, email="not an address", name="  ")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="email-error"' in page and 'id="name-error"' in page
    assert inbox.messages == []


def test_an_admin_edits_name_email_language_and_administrator(client, ctx, login_as):
    login_as(make_admin())
    colleague = make_user(name="Old Name")
    response = client.post_form(
        f"/admin/staff/{colleague.id}",
        {"name": "New Name", "email": "New@Example.com", "language": "de",
         "role": role("administrator"), "active": "y"},
        token_from="/admin/",
    )  # fmt: skip
    assert response.status_code == 303
    saved = member("new@example.com")
    assert (saved.name, saved.language, saved.is_admin, saved.active) == ("New Name", "de", True,
                                                                          True)  # fmt: skip
    page = client.get("/admin/staff/").get_data(as_text=True)
    assert "New Name" in page and "new@example.com" in page


def test_editing_to_a_colleagues_email_is_refused(client, ctx, login_as):
    login_as(make_admin())
    make_user(email="taken@example.com")
    colleague = make_user(name="Keep Me")
    response = client.post_form(
        f"/admin/staff/{colleague.id}",
        {"name": "Changed", "email": "taken@example.com", "active": "y"},
        token_from="/admin/",
    )
    assert response.status_code == 422
    assert "A staff member with this email already exists" in response.get_data(as_text=True)
    assert member(colleague.email).name == "Keep Me"


def test_an_unknown_staff_id_is_404(client, ctx, login_as):
    login_as(make_admin())
    assert client.get("/admin/staff/999999").status_code == 404
    response = client.post_form("/admin/staff/999999/deactivate", token_from="/admin/")
    assert response.status_code == 404


def test_deactivation_ends_sessions_and_sign_in_fails_like_a_wrong_password(
    app, client, ctx, login_as
):
    login_as(make_admin())
    colleague = make_user(name="Sam Leaving")
    ticket = make_ticket(make_contact(), assigned_to_id=colleague.id, subject="Printer")
    their_browser = app.test_client()
    assert sign_in(their_browser, colleague.email).status_code == 303
    assert their_browser.get("/admin/").status_code == 200
    response = client.post_form(f"/admin/staff/{colleague.id}/deactivate", token_from="/admin/")
    assert response.status_code == 303
    # Their open session is refused on its next request.
    assert their_browser.get("/admin/").status_code == 302
    refused = sign_in(app.test_client(), colleague.email)
    wrong = sign_in(app.test_client(), make_user().email, "not the password")
    assert refused.status_code == wrong.status_code == 422
    assert WRONG in refused.get_data(as_text=True)
    # Their records keep their name.
    page = client.get(f"/admin/tickets/{ticket.id}").get_data(as_text=True)
    assert "Sam Leaving" in page
    assert "Inactive" in client.get("/admin/staff/").get_data(as_text=True)
    # Reactivated, they sign in again.
    client.post_form(f"/admin/staff/{colleague.id}/reactivate", token_from="/admin/")
    assert sign_in(app.test_client(), colleague.email).status_code == 303


def test_deactivating_through_the_edit_form_ends_sessions_too(app, client, ctx, login_as):
    login_as(make_admin())
    colleague = make_user()
    their_browser = app.test_client()
    sign_in(their_browser, colleague.email)
    response = client.post_form(
        f"/admin/staff/{colleague.id}",
        {"name": colleague.name, "email": colleague.email, "role": role("team_member")},
        # "active" unticked
        token_from="/admin/",
    )
    assert response.status_code == 303
    assert their_browser.get("/admin/").status_code == 302
    assert member(colleague.email).active is False


def test_the_last_active_admin_cannot_deactivate_themselves(client, ctx, login_as):
    admin = make_admin()
    login_as(admin)
    response = client.post_form(f"/admin/staff/{admin.id}/deactivate", token_from="/admin/")
    assert response.status_code == 422
    assert "at least one active administrator" in response.get_data(as_text=True)
    assert member(admin.email).active and member(admin.email).is_admin
    assert client.get("/admin/").status_code == 200  # still signed in


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"active": "y", "role": "team_member"}, "role"),
        ({"role": "administrator"}, "active"),
        ({"role": "team_member"}, "active"),
    ],
    ids=["un-admin", "deactivate", "both"],
)
def test_the_last_active_admin_cannot_be_removed_through_the_form(
    client, ctx, login_as, fields, field
):
    admin = make_admin(name="Only Admin")
    make_admin(active=False)  # an inactive administrator does not count
    login_as(admin)
    response = client.post_form(
        f"/admin/staff/{admin.id}",
        {"name": "Renamed", "email": admin.email, **fields, "role": role(fields["role"])},
        token_from="/admin/",
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(rf'id="{field}-error">There must be at least one active administrator', page)
    kept = member(admin.email)
    assert (kept.name, kept.is_admin, kept.active) == ("Only Admin", True, True)  # nothing saved


def test_with_two_admins_one_may_step_down_but_not_the_second(client, ctx, login_as):
    first, second = make_admin(), make_admin()
    login_as(first)
    response = client.post_form(
        f"/admin/staff/{second.id}",
        {"name": second.name, "email": second.email, "active": "y", "role": role("team_member")},
        token_from="/admin/",
    )
    assert response.status_code == 303
    response = client.post_form(f"/admin/staff/{first.id}/deactivate", token_from="/admin/")
    assert response.status_code == 422


def _demote_each_other(app, admins: list[User]) -> list[int]:
    """Each admin un-admins the next one (in a ring) at the same moment; the status codes."""
    browsers = []
    for admin in admins:
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"], session["_fresh"] = make_sign_in(admin), True
        browsers.append((browser, browser.csrf_token("/admin/")))
    targets = [(a.id, a.name, a.email) for a in admins[1:] + admins[:1]]
    team = role("team_member")
    barrier, codes = threading.Barrier(len(admins)), []

    def worker(browser, token, target):
        user_id, name, email = target
        barrier.wait(10)
        response = browser.post(
            f"/admin/staff/{user_id}",
            data={"csrf_token": token, "name": name, "email": email, "active": "y", "role": team},
        )
        codes.append(response.status_code)

    threads = [
        threading.Thread(target=worker, args=(*browser, target))
        for browser, target in zip(browsers, targets, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(codes)


@pytest.mark.parametrize("count", [2, 3])
def test_admins_demoting_each_other_at_once_leave_one(app, ctx, count):
    admins = [make_admin() for _ in range(count)]
    codes = _demote_each_other(app, admins)
    # One demotion is refused; one that starts after its author was demoted is forbidden.
    assert codes.count(303) == count - 1 and set(codes) - {303} <= {403, 422}, codes
    db.session.expire_all()
    remaining = db.session.scalars(select(User).where(User.is_admin, User.active)).all()
    assert len(remaining) == 1


def test_deactivations_at_once_leave_one_admin(app, ctx):
    admins = [make_admin() for _ in range(2)]
    browsers = []
    for admin, target in zip(admins, admins[::-1], strict=True):
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"], session["_fresh"] = make_sign_in(admin), True
        browsers.append((browser, browser.csrf_token("/admin/"), target.id))
    barrier, codes = threading.Barrier(2), []

    def worker(browser, token, target_id):
        barrier.wait(10)
        url = f"/admin/staff/{target_id}/deactivate"
        codes.append(browser.post(url, data={"csrf_token": token}).status_code)

    threads = [threading.Thread(target=worker, args=b) for b in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The other is refused, or signed out already if it started after the first one's commit.
    assert sorted(codes) in ([303, 422], [302, 303]), codes
    db.session.expire_all()
    assert len(db.session.scalars(select(User).where(User.is_admin, User.active)).all()) == 1


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_admin_sends_a_colleague_a_reset_link_in_their_language(
    app, client, ctx, login_as, inbox, language
):
    login_as(make_admin())
    colleague = make_user(language=language)
    response = client.post_form(f"/admin/staff/{colleague.id}/reset-link", token_from="/admin/")
    assert response.status_code == 303
    message = inbox.only()
    assert message["To"] == colleague.email
    subject = {"en": "Reset your password at Comptoir",
               "fr": "Réinitialisez votre mot de passe chez Comptoir"}[language]  # fmt: skip
    assert message["Subject"] == subject
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"https://crm\.example\.com(/admin/reset-password/\S+)", text).group(1)
    assert choose_password(app.test_client(), link).status_code == 303
    assert sign_in(app.test_client(), colleague.email, NEW_PASSWORD).status_code == 303


STAFF_ROUTES = [
    ("GET", "/admin/staff/"),
    ("GET", "/admin/staff/invite"),
    ("POST", "/admin/staff/invite"),
    ("GET", "/admin/staff/{id}"),
    ("POST", "/admin/staff/{id}"),
    ("POST", "/admin/staff/{id}/deactivate"),
    ("POST", "/admin/staff/{id}/reactivate"),
    ("POST", "/admin/staff/{id}/invitation"),
    ("POST", "/admin/staff/{id}/reset-link"),
]


def test_staff_who_are_not_admins_get_403_on_every_staff_route(client, ctx, login_as, inbox):
    colleague = make_user()
    target = make_admin()
    login_as(colleague)
    token = client.csrf_token("/admin/")
    for method, path in STAFF_ROUTES:
        url = path.format(id=target.id)
        data = {
            "csrf_token": token,
            "name": "X",
            "email": "x@example.com",
            "active": "y",
            "role": role("administrator"),
        }
        response = client.open(url, method=method, data=data if method == "POST" else None)
        assert response.status_code == 403, (method, url)
    kept = member(target.email)
    assert kept.is_admin and kept.active
    assert member("x@example.com") is None and inbox.messages == []


def test_an_admin_who_steps_down_goes_to_the_dashboard(client, ctx, login_as):
    me, _other = make_admin(), make_admin()
    login_as(me)
    response = client.post_form(
        f"/admin/staff/{me.id}",
        {"name": me.name, "email": me.email, "active": "y", "role": role("team_member")},
        token_from="/admin/",
    )  # fmt: skip
    assert response.status_code == 303 and response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/staff/").status_code == 403


def test_an_admin_who_deactivates_themselves_is_signed_out(client, ctx, login_as):
    me, _other = make_admin(), make_admin()
    login_as(me)
    response = client.post_form(f"/admin/staff/{me.id}/deactivate", token_from="/admin/")
    assert response.status_code == 303
    assert client.get(response.headers["Location"]).status_code == 302  # to the sign-in page
