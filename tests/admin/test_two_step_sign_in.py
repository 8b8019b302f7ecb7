"""Two-step sign-in for staff: set-up with a QR code, a code after the password (once each),
recovery codes, the mandatory setting, password resets, an admin's reset and throttling."""

import re
import time

import pyotp
import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import escape

from app.extensions import db
from app.models import Contact, TwoStep, User
from app.services import ValidationError, two_step
from app.services.settings import save_settings
from tests.factories import PASSWORD, make_admin, make_portal_contact, make_two_step, make_user

NEW_PASSWORD = "a brand new passphrase"


def login(client, email, password=PASSWORD, **extra):
    return client.post_form("/admin/login", {"email": email, "password": password, **extra})


def give_code(client, code):
    return client.post_form("/admin/login/code", {"code": code}, token_from="/admin/login")


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def secret_on_page(body: str) -> str:
    match = re.search(r'id="two-step-secret"[^>]*>([A-Z2-7]+)<', body)
    assert match, body
    return match.group(1)


def test_set_up_shows_a_qr_code_refuses_a_wrong_code_and_shows_codes_once(client, ctx, login_as):
    user = make_user()
    login_as(user)
    page = client.get("/admin/profile/two-step")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<svg" in body and "http" not in body.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )  # drawn here: the SVG fetches nothing
    secret = secret_on_page(body)
    assert client.get("/admin/profile/two-step").status_code == 200  # a reload keeps the secret
    assert secret_on_page(client.get("/admin/profile/two-step").get_data(as_text=True)) == secret
    wrong = client.post_form("/admin/profile/two-step", {"code": "000000"},
                             token_from="/admin/profile")  # fmt: skip
    assert wrong.status_code == 422
    assert 'id="code-error"' in wrong.get_data(as_text=True)
    assert not two_step.is_on(db.session.get(User, user.id))
    right = client.post_form("/admin/profile/two-step", {"code": pyotp.TOTP(secret).now()},
                             token_from="/admin/profile")  # fmt: skip
    assert right.status_code == 303
    assert right.headers["Location"] == "/admin/profile/two-step/codes"
    codes_page = client.get(right.headers["Location"]).get_data(as_text=True)
    codes = re.findall(r"<li><code>([0-9a-f]{6}-[0-9a-f]{6})</code></li>", codes_page)
    assert len(set(codes)) == 10
    again = client.get("/admin/profile/two-step/codes").get_data(as_text=True)
    assert not any(code in again for code in codes)  # shown once
    db.session.expire_all()
    assert two_step.is_on(db.session.get(User, user.id))
    assert "10 recovery codes left." in client.get("/admin/profile").get_data(as_text=True)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_a_wrong_first_code_is_refused_in_the_staff_members_language(app, client, ctx, login_as,
                                                                      language):  # fmt: skip
    login_as(make_user(language=language))
    client.get("/admin/profile/two-step")
    wrong = client.post_form("/admin/profile/two-step", {"code": "12345x"},
                             token_from="/admin/profile")  # fmt: skip
    with app.test_request_context(), force_locale(language):
        expected = _("This code is not right. Enter the code your app shows now.")
        title = _("Set up two-step sign-in")
    assert wrong.status_code == 422
    body = wrong.get_data(as_text=True)
    assert str(escape(expected)) in body and str(escape(title)) in body
    if language != "en":
        assert expected != "This code is not right. Enter the code your app shows now."


def test_the_password_alone_does_not_sign_in_a_person_with_two_step(client, ctx):
    user = make_user()
    secret, _codes = make_two_step(user)
    first = login(client, user.email, remember="y")
    assert first.status_code == 303
    assert first.headers["Location"] == "/admin/login/code"
    assert not [c for c in first.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert not signed_in(client)
    assert client.get("/admin/login/code").status_code == 200
    done = give_code(client, pyotp.TOTP(secret).now())
    assert done.status_code == 303 and done.headers["Location"] == "/admin/"
    # Remember me applies once the second step is passed.
    assert [c for c in done.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert signed_in(client)


def test_a_code_works_once(app, client, ctx):
    user = make_user()
    secret, _codes = make_two_step(user)
    code = pyotp.TOTP(secret).now()
    login(client, user.email)
    assert give_code(client, code).status_code == 303
    other = app.test_client()
    login(other, user.email)
    refused = give_code(other, code)
    assert refused.status_code == 422
    assert "This code is not right, or was already used." in refused.get_data(as_text=True)
    assert not signed_in(other)


def test_a_code_of_an_earlier_step_is_refused(client, ctx):
    user = make_user()
    secret, _codes = make_two_step(user)  # set up with the previous step's code
    login(client, user.email)
    used = two_step.record(user).last_step
    totp = pyotp.TOTP(secret)
    for step in (used, used - 1):  # the step already used, and one before it
        assert give_code(client, totp.at(step * two_step.STEP)).status_code == 422
    assert not signed_in(client)


def test_a_recovery_code_works_once(app, client, ctx):
    user = make_user()
    _secret, codes = make_two_step(user)
    login(client, user.email)
    assert give_code(client, codes[3].upper()).status_code == 303  # case and dash do not matter
    assert signed_in(client)
    other = app.test_client()
    login(other, user.email)
    assert give_code(other, codes[3]).status_code == 422
    assert give_code(other, codes[4]).status_code == 303
    assert two_step.recovery_codes_left(db.session.get(User, user.id)) == 8


def test_the_code_page_without_a_password_step_goes_back_to_sign_in(client, ctx):
    assert client.get("/admin/login/code").headers["Location"] == "/admin/login"
    response = give_code(client, "123456")
    assert response.status_code == 303 and response.headers["Location"] == "/admin/login"


def test_the_waiting_step_expires(client, ctx):
    user = make_user()
    secret, _codes = make_two_step(user)
    login(client, user.email)
    with client.session_transaction() as session:
        session["two_step_pending"] = {**session["two_step_pending"], "until": 1}
    assert give_code(client, pyotp.TOTP(secret).now()).headers["Location"] == "/admin/login"
    assert not signed_in(client)


def test_mandatory_two_step_sends_staff_to_set_it_up_before_anything_else(client, ctx):
    save_settings({"two_step_staff": True})
    db.session.commit()
    user = make_user()
    first = login(client, user.email)
    assert first.headers["Location"] == "/admin/login/code"
    page = client.get("/admin/login/code").get_data(as_text=True)
    assert "<svg" in page
    assert not signed_in(client)  # nothing else until it is set up
    secret = secret_on_page(page)
    assert give_code(client, "000000").status_code == 422
    done = give_code(client, pyotp.TOTP(secret).now())
    assert done.headers["Location"] == "/admin/profile/two-step/codes"
    assert len(re.findall(r"<li><code>", client.get(done.headers["Location"]).get_data(
        as_text=True))) == 10  # fmt: skip
    assert signed_in(client)
    # Required: it cannot be turned off.
    off = client.post_form("/admin/profile/two-step/off", {"proof": PASSWORD},
                           token_from="/admin/profile")  # fmt: skip
    assert off.status_code == 422
    assert two_step.is_on(db.session.get(User, user.id))


def test_a_password_reset_does_not_skip_the_second_step(app, client, ctx, inbox):
    user = make_user()
    secret, _codes = make_two_step(user)
    client.post_form("/admin/forgot-password", {"email": user.email})
    text = inbox.only().get_body(("plain",)).get_content()
    link = re.search(r"https://crm\.example\.com(/admin/reset-password/\S+)", text).group(1)
    token = client.csrf_token(link)
    client.post(link, data={"csrf_token": token, "password": NEW_PASSWORD,
                            "confirm": NEW_PASSWORD})  # fmt: skip
    assert not signed_in(client)
    again = login(client, user.email, NEW_PASSWORD)
    assert again.headers["Location"] == "/admin/login/code"
    assert not signed_in(client)
    assert give_code(client, pyotp.TOTP(secret).now()).status_code == 303
    assert signed_in(client)


def test_an_admin_resets_a_colleagues_lost_second_step(app, client, ctx, login_as):
    colleague = make_user(name="Lost Phone")
    make_two_step(colleague)
    admin = make_admin()
    login_as(admin)
    listing = client.get("/admin/staff/").get_data(as_text=True)
    url = f"/admin/staff/{colleague.id}/two-step/reset"
    assert f'action="{url}"' in listing and "data-confirm=" in listing
    done = client.post_form(url, {}, token_from="/admin/")
    assert done.status_code == 303
    assert "Two-step sign-in of Lost Phone is reset." in client.get("/admin/staff/").get_data(
        as_text=True
    )
    log = client.get(f"/admin/staff/{colleague.id}/security").get_data(as_text=True)
    assert "Two-step sign-in reset by an administrator" in log
    assert f"By {admin.name}" in log
    fresh = app.test_client()
    assert login(fresh, colleague.email).headers["Location"] == "/admin/"
    # Nothing left to reset: refused with a message, no 500.
    assert client.post_form(url, {}, token_from="/admin/").status_code == 303
    assert client.post_form("/admin/staff/999999/two-step/reset", {},
                            token_from="/admin/").status_code == 404  # fmt: skip


def test_wrong_codes_are_throttled_like_wrong_passwords(app, client, ctx):
    user = make_user()
    secret, _codes = make_two_step(user)
    login(client, user.email)
    limit = int(app.config["LOGIN_LIMIT_ACCOUNT"].split()[0])
    for _n in range(limit):
        assert give_code(client, "000000").status_code == 422
    assert give_code(client, pyotp.TOTP(secret).now()).status_code == 429
    # Another browser of the same person is held back too (per account).
    other = app.test_client()
    login(other, user.email)
    assert give_code(other, pyotp.TOTP(secret).now()).status_code == 429


def test_turning_off_needs_the_password_or_a_code(client, ctx, login_as):
    user = make_user()
    secret, _codes = make_two_step(user)
    login_as(user)
    wrong = client.post_form("/admin/profile/two-step/off", {"proof": "not it"},
                             token_from="/admin/profile")  # fmt: skip
    assert wrong.status_code == 422 and 'id="proof-error"' in wrong.get_data(as_text=True)
    assert two_step.is_on(db.session.get(User, user.id))
    done = client.post_form("/admin/profile/two-step/off", {"proof": pyotp.TOTP(secret).now()},
                            token_from="/admin/profile")  # fmt: skip
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.query(TwoStep).count() == 0
    assert login(client.application.test_client(), user.email).headers["Location"] == "/admin/"


def test_settings_security_saves_the_mandatory_rule(client, ctx, login_as):
    admin = make_admin()
    make_two_step(admin)
    login_as(admin)
    page = client.get("/admin/settings/security")
    assert page.status_code == 200
    done = client.post_form("/admin/settings/security",
                            {"two_step_staff": "yes", "two_step_contacts": "no"},
                            token_from="/admin/")  # fmt: skip
    assert done.status_code == 303
    db.session.expire_all()
    assert two_step.required(make_user()) is True
    page = client.get("/admin/settings/security").get_data(as_text=True)
    assert re.search(r'<input checked id="two_step_staff-1"[^>]*value="yes"', page), page


def test_a_session_open_before_the_rule_must_set_it_up_first(client, ctx, login_as):
    admin = make_admin()
    login_as(admin)
    done = client.post_form("/admin/settings/security",
                            {"two_step_staff": "yes", "two_step_contacts": "no"},
                            token_from="/admin/")  # fmt: skip
    assert done.status_code == 303
    for path in ("/admin/", "/admin/staff/", "/admin/profile"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"] == "/admin/profile/two-step"
    page = client.get("/admin/profile/two-step").get_data(as_text=True)
    done = client.post_form("/admin/profile/two-step",
                            {"code": pyotp.TOTP(secret_on_page(page)).now()},
                            token_from="/admin/profile/two-step")  # fmt: skip
    assert done.headers["Location"] == "/admin/profile/two-step/codes"
    assert signed_in(client)


def test_an_admin_resets_a_contacts_second_step_and_the_customer_activity_says_so(
    app, client, ctx, login_as
):
    contact = make_portal_contact(first_name="Lou")
    make_two_step(contact)
    login_as(make_admin())
    edit = f"/admin/customers/{contact.customer_id}/contacts/{contact.id}"
    url = f"{edit}/two-step/reset"
    page = client.get(edit).get_data(as_text=True)
    assert f'action="{url}"' in page and "data-confirm=" in page
    done = client.post_form(url, {}, token_from="/admin/")
    assert done.status_code == 303
    assert not two_step.is_on(db.session.get(Contact, contact.id))
    activity = client.get(f"/admin/customers/{contact.customer_id}/activity")
    assert "reset the two-step sign-in of a contact" in activity.get_data(as_text=True)
    fresh = app.test_client()
    signed = fresh.post_form("/clients/login", {"email": contact.email, "password": PASSWORD},
                             token_from="/clients/login")  # fmt: skip
    assert signed.headers["Location"] == "/clients/"
    # Another customer's contact id under this customer is a 404.
    other = make_portal_contact()
    make_two_step(other)
    wrong = f"/admin/customers/{contact.customer_id}/contacts/{other.id}/two-step/reset"
    assert client.post_form(wrong, {}, token_from="/admin/").status_code == 404
    assert two_step.is_on(db.session.get(Contact, other.id))


def test_two_simultaneous_sign_ins_with_one_code_let_one_through(app, ctx):
    """Request B read the row before request A used the code: B's use of it is still refused."""
    user = make_user()
    secret, _codes = make_two_step(user)
    code = pyotp.TOTP(secret).now()
    stale = two_step.record(user)  # B reads
    with app.app_context():  # A, in its own session, uses the code and commits
        two_step.check_code(db.session.get(User, user.id), code)
        db.session.commit()
    assert two_step.record(user) is stale and stale.last_step < time.time() // two_step.STEP
    with pytest.raises(ValidationError):
        two_step.check_code(user, code)


def test_a_password_changed_between_the_two_steps_voids_the_first(client, ctx):
    user = make_user()
    secret, _codes = make_two_step(user)
    login(client, user.email)
    user.set_password(NEW_PASSWORD)  # e.g. the owner resets it from another browser
    db.session.commit()
    response = give_code(client, pyotp.TOTP(secret).now())
    assert response.status_code == 303 and response.headers["Location"] == "/admin/login"
    assert not signed_in(client)
