"""Two-step sign-in for portal contacts: set up on the Profile, a code after the password (once),
recovery codes, the mandatory setting for contacts, throttling, password links."""

import re

import pyotp
import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import escape

from app.extensions import db
from app.models import Contact
from app.services import two_step
from app.services.settings import save_settings
from tests.factories import PASSWORD, make_customer, make_portal_contact, make_two_step


def login(client, email, password=PASSWORD, **extra):
    return client.post_form("/clients/login", {"email": email, "password": password, **extra},
                            token_from="/clients/login")  # fmt: skip


def give_code(client, code):
    return client.post_form("/clients/login/code", {"code": code}, token_from="/clients/login")


def signed_in(client) -> bool:
    return client.get("/clients/").status_code == 200


def secret_on_page(body: str) -> str:
    match = re.search(r'id="two-step-secret"[^>]*>([A-Z2-7]+)<', body)
    assert match, body
    return match.group(1)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_a_contact_sets_it_up_from_the_profile_in_their_language(app, client, ctx, login_as,
                                                                 language):  # fmt: skip
    contact = make_portal_contact(make_customer(company="Acme", language=language))
    login_as(contact)
    with app.test_request_context(), force_locale(language):
        title, refused = _("Two-step sign-in"), _("This code is not right, or was already used.")
        wrong_first = _("This code is not right. Enter the code your app shows now.")
    profile = client.get("/clients/profile").get_data(as_text=True)
    assert str(escape(title)) in profile and 'href="/clients/profile/two-step"' in profile
    page = client.get("/clients/profile/two-step").get_data(as_text=True)
    assert "<svg" in page
    secret = secret_on_page(page)
    wrong = client.post_form("/clients/profile/two-step", {"code": "000000"},
                             token_from="/clients/profile")  # fmt: skip
    assert wrong.status_code == 422
    assert str(escape(wrong_first)) in wrong.get_data(as_text=True)
    first_code = pyotp.TOTP(secret).now()
    right = client.post_form("/clients/profile/two-step", {"code": first_code},
                             token_from="/clients/profile")  # fmt: skip
    assert right.headers["Location"] == "/clients/profile/two-step/codes"
    codes = re.findall(r"<li><code>([0-9a-f-]{13})</code></li>",
                       client.get(right.headers["Location"]).get_data(as_text=True))  # fmt: skip
    assert len(codes) == 10
    # Signing in again asks for a code, in the sign-in page's language (the emailed links'
    # `?lang=` sets it); the code used to set it up is spent.
    fresh = app.test_client()
    fresh.get(f"/clients/login?lang={language}")
    assert login(fresh, contact.email).headers["Location"] == "/clients/login/code"
    assert not signed_in(fresh)
    again = give_code(fresh, first_code)
    assert again.status_code == 422 and str(escape(refused)) in again.get_data(as_text=True)
    assert give_code(fresh, codes[0]).headers["Location"] == "/clients/"
    assert signed_in(fresh)


def test_a_contact_signs_in_with_a_code_once(app, client, ctx):
    contact = make_portal_contact()
    secret, _codes = make_two_step(contact)
    code = pyotp.TOTP(secret).now()
    assert login(client, contact.email).headers["Location"] == "/clients/login/code"
    assert not signed_in(client)
    assert give_code(client, code).headers["Location"] == "/clients/"
    assert signed_in(client)
    other = app.test_client()
    login(other, contact.email)
    assert give_code(other, code).status_code == 422


def test_a_staff_code_page_does_not_sign_in_a_contact(app, client, ctx):
    contact = make_portal_contact()
    secret, _codes = make_two_step(contact)
    login(client, contact.email)
    response = client.post_form("/admin/login/code", {"code": pyotp.TOTP(secret).now()},
                                token_from="/admin/login")  # fmt: skip
    # The staff area's second step knows nobody waiting: back to the staff sign-in.
    assert response.status_code == 303 and response.headers["Location"] == "/admin/login"
    assert client.get("/admin/").status_code == 302


def test_contacts_must_set_it_up_when_the_setting_says_so(client, ctx):
    save_settings({"two_step_contacts": True})
    db.session.commit()
    contact = make_portal_contact()
    assert login(client, contact.email).headers["Location"] == "/clients/login/code"
    page = client.get("/clients/login/code").get_data(as_text=True)
    assert "<svg" in page and not signed_in(client)
    done = give_code(client, pyotp.TOTP(secret_on_page(page)).now())
    assert done.headers["Location"] == "/clients/profile/two-step/codes"
    assert signed_in(client)
    assert two_step.is_on(db.session.get(Contact, contact.id))


def test_staff_rule_alone_leaves_contacts_with_their_password(client, ctx):
    save_settings({"two_step_staff": True})
    db.session.commit()
    contact = make_portal_contact()
    assert login(client, contact.email).headers["Location"] == "/clients/"


def test_wrong_codes_are_throttled(app, client, ctx):
    contact = make_portal_contact()
    secret, _codes = make_two_step(contact)
    login(client, contact.email)
    for _n in range(int(app.config["LOGIN_LIMIT_ACCOUNT"].split()[0])):
        assert give_code(client, "999999").status_code == 422
    assert give_code(client, pyotp.TOTP(secret).now()).status_code == 429
    assert not signed_in(client)


def test_a_contact_turns_it_off_with_the_password(client, ctx, login_as):
    contact = make_portal_contact()
    make_two_step(contact)
    login_as(contact)
    assert "10 recovery codes left." in client.get("/clients/profile").get_data(as_text=True)
    wrong = client.post_form("/clients/profile/two-step/off", {"proof": "nope"},
                             token_from="/clients/profile")  # fmt: skip
    assert wrong.status_code == 422 and 'id="proof-error"' in wrong.get_data(as_text=True)
    done = client.post_form("/clients/profile/two-step/off", {"proof": PASSWORD},
                            token_from="/clients/profile")  # fmt: skip
    assert done.status_code == 303
    assert not two_step.is_on(db.session.get(Contact, contact.id))


def test_an_earlier_code_is_refused(client, ctx):
    contact = make_portal_contact()
    secret, _codes = make_two_step(contact)
    login(client, contact.email)
    used_step = two_step.record(contact).last_step
    earlier = pyotp.TOTP(secret).at((used_step - 1) * two_step.STEP)
    assert give_code(client, earlier).status_code == 422
