"""Settings: company and logo, localization, currencies, email server and its test email."""

import io
from decimal import Decimal

import pytest
from PIL import Image
from sqlalchemy import select

from app import create_app
from app.config import config_for_tests
from app.extensions import db
from app.models import Currency, OutboxMessage
from app.services.mail.outbox import deliver, queue_email
from app.services.settings import get_settings, save_settings
from tests.conftest import Client, free_port
from tests.factories import make_admin, make_currency, make_customer


@pytest.fixture
def admin(client, ctx, login_as):
    user = make_admin()
    login_as(user)
    return user


def post(client, url, data, **kwargs):
    return client.post_form(url, data, token_from=url, **kwargs)


def image_bytes(fmt: str, size=(900, 300)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (31, 78, 121)).save(out, format=fmt)
    return out.getvalue()


COMPANY = {
    "company_name": "Atelier Comptoir",
    "company_address": "1 rue A\n75001 Paris",
    "company_vat": "FR40303265045",
    "company_phone": "+33 1 23 45 67 89",
    "company_email": "hello@atelier.example.com",
}


def test_company_details_and_logo(client, admin):
    url = "/admin/settings/company"
    data = dict(COMPANY, logo=(io.BytesIO(image_bytes("JPEG")), "logo.jpg"))
    response = post(client, url, data, content_type="multipart/form-data")
    assert response.status_code == 303
    assert get_settings().company_name == "Atelier Comptoir"
    logo = client.get("/logo.png")
    assert logo.status_code == 200 and logo.mimetype == "image/png"
    image = Image.open(io.BytesIO(logo.data))
    assert image.format == "PNG" and max(image.size) <= 600  # re-encoded and resized


@pytest.mark.parametrize(
    "name,content",
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.png", b"<html><script>alert(1)</script></html>"),
        ("logo.gif", None),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"<html>not really a png"),
    ],
)
def test_logo_must_really_be_png_or_jpeg(client, admin, name, content):
    if content is None:
        content = image_bytes("GIF")
    data = dict(COMPANY, logo=(io.BytesIO(content), name))
    response = post(client, "/admin/settings/company", data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "The logo must be a PNG or JPEG image." in response.get_data(as_text=True)
    assert client.get("/logo.png").status_code == 404


def test_oversized_logo_is_refused(app, client, admin, monkeypatch):
    # The same rule with a smaller cap, so the test body stays small.
    monkeypatch.setitem(app.config, "LOGO_MAX_BYTES", 20_000)
    big = io.BytesIO(image_bytes("PNG") + b"\0" * 30_000)
    data = dict(COMPANY, logo=(big, "logo.png"))
    response = post(client, "/admin/settings/company", data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "at most 1 MB" in response.get_data(as_text=True)


def test_company_name_cannot_hold_line_breaks(client, admin):
    response = post(client, "/admin/settings/company", dict(COMPANY, company_name="A\r\nBcc: x"))
    assert response.status_code == 422


def test_localization_defaults_and_the_pdf_switch(client, admin):
    settings = get_settings()
    assert settings.pdf_in_client_language is False
    url = "/admin/settings/localization"
    page = client.get(url).get_data(as_text=True)
    assert "Output client PDF documents from the admin area in the client's language" in page
    data = {
        "default_language": "fr",
        "date_format": "iso",
        "timezone": "Europe/Berlin",
        "pdf_in_client_language": "yes",
    }
    assert post(client, url, data).status_code == 303
    db.session.expire_all()
    settings = get_settings()
    assert settings.pdf_in_client_language is True
    assert (settings.default_language, settings.date_format) == ("fr", "iso")


@pytest.mark.parametrize(
    "field,value",
    [
        ("timezone", "Mars/Olympus"),
        ("default_language", "xx"),
        ("date_format", "%s"),
    ],
)
def test_localization_refuses_unknown_values(client, admin, field, value):
    data = {
        "default_language": "en",
        "date_format": "medium",
        "timezone": "UTC",
        "pdf_in_client_language": "no",
        field: value,
    }
    assert post(client, "/admin/settings/localization", data).status_code == 422


def test_date_format_applies_everywhere(client, admin):
    make_customer(company="Dated")
    data = {
        "default_language": "en",
        "date_format": "iso",
        "timezone": "UTC",
        "pdf_in_client_language": "no",
    }
    post(client, "/admin/settings/localization", data)
    import re

    assert re.search(r"\d{4}-\d{2}-\d{2}", client.get("/admin/customers").get_data(as_text=True))


def test_system_default_language_reaches_the_portal(client, admin, app, login_as):
    data = {
        "default_language": "de",
        "date_format": "medium",
        "timezone": "UTC",
        "pdf_in_client_language": "no",
    }
    post(client, "/admin/settings/localization", data)
    from tests.factories import make_contact, make_sign_in

    contact = make_contact(make_customer(language=None))
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = make_sign_in(contact)
    assert '<html lang="de"' in other.get("/clients/").get_data(as_text=True)


def test_currencies_add_edit_default_delete(client, admin):
    url = "/admin/settings/currencies"
    assert (
        post(
            client, url, {"code": "eur", "symbol": "€", "decimals": "2", "symbol_after": "after"}
        ).status_code
        == 303
    )
    assert (
        post(
            client, url, {"code": "ZZZ", "symbol": "Z", "decimals": "2", "symbol_after": "before"}
        ).status_code
        == 422
    )
    assert (
        post(
            client, url, {"code": "EUR", "symbol": "€", "decimals": "2", "symbol_after": "after"}
        ).status_code
        == 422
    )
    assert (
        post(
            client, url, {"code": "CHF", "symbol": "CHF", "decimals": "9", "symbol_after": "after"}
        ).status_code
        == 422
    )
    assert (
        post(
            client, url, {"code": "CHF", "symbol": "CHF", "decimals": "2", "symbol_after": "after"}
        ).status_code
        == 303
    )
    eur, chf = (
        db.session.scalar(select(Currency).where(Currency.code == c)) for c in ("EUR", "CHF")
    )
    assert eur.is_default and not chf.is_default  # the first currency is the default
    client.post_form(f"{url}/{chf.id}/default", {}, token_from=url)
    db.session.expire_all()
    assert [c.code for c in db.session.scalars(select(Currency).where(Currency.is_default))] == [
        "CHF"
    ]
    edit = f"{url}/{eur.id}"
    assert (
        post(
            client, edit, {"code": "EUR", "symbol": "EUR", "decimals": "2", "symbol_after": "after"}
        ).status_code
        == 303
    )
    eur_id = eur.id
    client.post_form(f"{url}/{eur_id}/delete", {}, token_from=url)
    db.session.expire_all()
    assert db.session.get(Currency, eur_id) is None


def test_a_currency_in_use_or_default_cannot_be_deleted(client, admin):
    url = "/admin/settings/currencies"
    default = make_currency("EUR", is_default=True)
    used = make_currency("USD", symbol="$")
    make_customer(currency_id=used.id)
    for currency in (default, used):
        client.post_form(f"{url}/{currency.id}/delete", {}, token_from=url)
    db.session.expire_all()
    assert db.session.get(Currency, default.id) and db.session.get(Currency, used.id)


EMAIL = {
    "smtp_host": "127.0.0.1",
    "smtp_port": "25",
    "smtp_security": "none",
    "smtp_user": "mailer",
    "smtp_password": "s3cret-smtp",
    "mail_sender_name": "Atelier",
    "mail_sender_email": "hello@atelier.example.com",
}


def test_smtp_password_is_kept_and_never_shown(client, admin):
    url = "/admin/settings/email"
    assert post(client, url, EMAIL).status_code == 303
    assert "s3cret-smtp" not in client.get(url).get_data(as_text=True)
    assert post(client, url, dict(EMAIL, smtp_password="")).status_code == 303
    db.session.expire_all()
    assert get_settings().smtp_password == "s3cret-smtp"


def test_test_email_reports_success_and_plain_errors(client, admin, smtp, inbox):
    url = "/admin/settings/email"
    post(client, url, dict(EMAIL, smtp_port=str(smtp.port), smtp_user="", smtp_password=""))
    ok = client.post_form(url + "/test", {"test_recipient": "me@example.com"}, token_from=url,
                          headers={"HX-Request": "true"})  # fmt: skip
    assert ok.status_code == 200 and "The test email was sent." in ok.get_data(as_text=True)
    assert inbox.only()["From"] == "Atelier <hello@atelier.example.com>"
    post(client, url, dict(EMAIL, smtp_port=str(free_port()), smtp_user="", smtp_password=""))
    bad = client.post_form(url + "/test", {"test_recipient": "me@example.com"}, token_from=url,
                          headers={"HX-Request": "true"})  # fmt: skip
    assert bad.status_code == 422
    assert "The mail server could not be reached" in bad.get_data(as_text=True)


def test_a_setting_changes_every_app_server_at_once(app, client, admin, smtp):
    other = create_app(config_for_tests(app.config["SQLALCHEMY_DATABASE_URI"], smtp.port))
    other.test_client_class = Client
    post(client, "/admin/settings/company", dict(COMPANY, company_name="Renamed SA"))
    with other.test_request_context():
        assert get_settings().company_name == "Renamed SA"
    with other.app_context():
        db.engine.dispose()


def test_settings_are_admin_only(client, ctx, login_as):
    from tests.factories import make_user

    login_as(make_user())
    for url in [
        "/admin/settings/",
        "/admin/settings/company",
        "/admin/settings/email",
        "/admin/settings/currencies",
        "/admin/settings/email-templates",
    ]:
        assert client.get(url).status_code == 403


def test_an_unusable_built_in_sender_is_not_offered(client, admin, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_DEFAULT_SENDER", "Comptoir <noreply@localhost>")
    page = client.get("/admin/settings/email").get_data(as_text=True)
    assert "noreply@localhost" not in page  # it could not be saved: the field asks for one
    monkeypatch.setitem(app.config, "MAIL_DEFAULT_SENDER", "Comptoir <billing@example.com>")
    assert "billing@example.com" in client.get("/admin/settings/email").get_data(as_text=True)


def test_a_broken_smtp_host_is_refused_and_never_crashes_sending(client, ctx, login_as):
    login_as(make_admin())
    data = {
        "smtp_host": "a..b",
        "smtp_port": "25",
        "smtp_security": "none",
        "mail_sender_name": "Atelier",
        "mail_sender_email": "hello@example.com",
    }
    url = "/admin/settings/email"
    assert client.post_form(url, data, token_from=url).status_code == 422
    assert (
        client.post_form(
            url,
            dict(data, smtp_host="smtp.example.com", mail_sender_name="A\r\nBcc: x"),
            token_from=url,
        ).status_code
        == 422
    )
    save_settings({"smtp_host": "x" * 64 + ".example.com"})  # saved before the check existed
    message = queue_email("someone@example.com", "Hi", "<p>Hi</p>", "Hi", kind="test")
    db.session.commit()
    assert deliver(message.id) is False
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message.id).last_error


def test_currency_decimals_shape_amounts_and_lock_once_used(client, ctx, login_as):
    login_as(make_admin())
    kwd = make_currency("KWD", symbol="KD", decimals=3)
    page = client.get("/admin/settings/currencies").get_data(as_text=True)
    assert "1,234.500" in page
    make_customer(currency_id=kwd.id)
    url = f"/admin/settings/currencies/{kwd.id}"
    response = client.post_form(
        url,
        {"code": "KWD", "symbol": "KD", "decimals": "2", "symbol_after": "after"},
        token_from=url,
    )
    assert response.status_code == 422
    assert Decimal(kwd.decimals) == 3
