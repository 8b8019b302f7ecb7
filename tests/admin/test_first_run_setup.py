"""A fresh install (migrations and one administrator, no demo data) asks for the company's name,
country, default currency and language on the dashboard, and forms that need a currency say
where to set one until then."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Currency, Setting
from app.services.settings import get_settings
from tests.factories import make_admin, make_currency, make_customer, make_user

CARD = 'id="first-run"'
VALID = {
    "company_name": "Atelier Lumière",
    "company_country": "FR",
    "default_currency": "EUR",
    "default_language": "fr",
}


def post_card(client, data, **kwargs):
    return client.post_form("/admin/first-run", data, token_from="/admin/", **kwargs)


@pytest.fixture
def admin(client, ctx, login_as):
    user = make_admin(language="en")
    login_as(user)
    return user


def nothing_saved() -> bool:
    return (
        db.session.scalar(select(func.count()).select_from(Currency)) == 0
        and db.session.scalar(select(func.count()).select_from(Setting)) == 0
    )


def test_fresh_install_shows_the_card_to_an_administrator(client, admin):
    page = client.get("/admin/").get_data(as_text=True)
    assert CARD in page
    assert 'action="/admin/first-run"' in page
    # Each country carries the currency it uses, for the card to suggest it.
    assert '<option data-currency="CHF" value="CH">' in page
    assert "Swiss Franc (CHF)" in page


def test_other_staff_see_that_an_administrator_must_finish(client, ctx, login_as):
    login_as(make_user())
    page = client.get("/admin/").get_data(as_text=True)
    assert CARD in page and "An administrator must finish the setup" in page
    assert "Until then no currency can be chosen" in page
    assert 'action="/admin/first-run"' not in page
    assert post_card(client, VALID).status_code == 403
    assert nothing_saved()


def test_other_pages_stay_usable_meanwhile(client, admin):
    for url in ("/admin/customers", "/admin/customers/new", "/admin/settings/currencies"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "change,field,message",
    [
        ({"company_name": "  "}, "company_name", "Enter the company&#39;s name."),
        ({"default_currency": "XYZ"}, "default_currency", "This is not an ISO 4217 currency code"),
        ({"company_country": "QQ"}, "company_country", "Choose a country from the list."),
        ({"default_language": "xx"}, "default_language", "Choose a language from the list."),
    ],
)
def test_card_refuses_bad_input_beside_the_field(client, admin, change, field, message):
    response = post_card(client, {**VALID, **change}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert f'id="{field}-error"' in body and message in body
    assert body.lstrip().startswith("<section")  # the card alone, swapped in place
    assert nothing_saved()


def test_every_refusal_at_once_without_javascript(client, admin):
    response = post_card(client, {"company_name": "", "company_country": "",
                                  "default_currency": "", "default_language": "fr"})  # fmt: skip
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    for field in ("company_name", "company_country", "default_currency"):
        assert f'id="{field}-error"' in body
    assert "<nav" in body  # the whole dashboard
    assert nothing_saved()


def test_valid_card_sets_everything_and_disappears(client, admin):
    response = post_card(client, VALID, headers={"HX-Request": "true"})
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/admin/"
    settings = get_settings()
    assert settings.company_name == "Atelier Lumière"
    assert settings.company_country == "FR" and settings.default_language == "fr"
    euro = db.session.scalar(select(Currency))
    assert (euro.code, euro.symbol, euro.decimals, euro.symbol_after, euro.is_default) == (
        "EUR", "€", 2, True, True,
    )  # fmt: skip
    page = client.get("/admin/").get_data(as_text=True)
    assert CARD not in page
    assert "The setup is finished" in page
    # The New customer form now offers it, as the system default.
    form = client.get("/admin/customers/new").get_data(as_text=True)
    assert "System default (EUR)" in form and "EUR — €" in form
    assert "No currency is set up yet" not in form


def test_empty_currency_means_the_country_s(client, admin):
    data = {**VALID, "company_country": "CH", "default_currency": "", "default_language": "de"}
    assert post_card(client, data).status_code == 303
    franc = db.session.scalar(select(Currency))
    # Babel's symbol in German as written in Switzerland, placed before the amount.
    assert (franc.code, franc.symbol, franc.decimals, franc.symbol_after) == (
        "CHF", "CHF", 2, False,
    )  # fmt: skip
    assert franc.is_default


@pytest.mark.parametrize("code,decimals", [("JPY", 0), ("KWD", 3), ("usd", 2)])
def test_any_iso_currency_babel_knows(client, admin, code, decimals):
    assert post_card(client, {**VALID, "default_currency": code}).status_code == 303
    currency = db.session.scalar(select(Currency))
    assert currency.code == code.upper() and currency.decimals == decimals
    assert currency.is_default


def test_an_existing_currency_becomes_the_default(client, admin):
    make_currency("USD", symbol="$", symbol_after=False, is_default=True)
    euro = make_currency("EUR")
    assert post_card(client, VALID).status_code == 303
    db.session.expire_all()
    assert db.session.get(Currency, euro.id).is_default
    assert db.session.scalar(select(func.count()).select_from(Currency)) == 2
    assert db.session.scalar(select(Currency.code).where(Currency.is_default)) == "EUR"


@pytest.mark.parametrize(
    "language,title,label",
    [
        ("en", "Finish setting up", "Default currency"),
        ("fr", "Terminer la configuration", "Devise par défaut"),
        ("de", "Einrichtung abschließen", "Standardwährung"),
        ("es", "Terminar la configuración", "Moneda predeterminada"),
    ],
)
def test_card_in_each_language(client, ctx, login_as, language, title, label):
    login_as(make_admin(language=language))
    page = client.get("/admin/").get_data(as_text=True)
    assert title in page and label in page
    # The staff member's language is offered as the system default.
    assert f'<option selected value="{language}">' in page


CURRENCY_FORMS = ["/admin/customers/new", "/admin/customers/quick"]


@pytest.mark.parametrize("url", CURRENCY_FORMS + ["invoice", "estimate", "proposal", "contract"])
def test_forms_that_need_a_currency_say_where_to_set_one(client, admin, url):
    customer = make_customer(company="Boulangerie Martin")
    if not url.startswith("/"):
        url = f"/admin/{url}s/new?customer={customer.id}"
    page = client.get(url)
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "No currency is set up yet." in body
    assert 'href="/admin/settings/currencies"' in body


@pytest.mark.parametrize("kind", ["invoice", "estimate", "proposal"])
def test_saving_a_document_without_any_currency_is_refused_not_a_500(client, admin, kind):
    customer = make_customer()
    url = f"/admin/{kind}s/new?customer={customer.id}"
    response = client.post_form(url, {"customer_id": str(customer.id), "currency_id": "",
                                      "issue_date": "2026-11-02", "language": "en",
                                      "items-0-description": "Design", "items-0-quantity": "1",
                                      "items-0-rate": "10"}, token_from=url)  # fmt: skip
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'id="currency_id-error"' in body and "No currency is set up yet." in body


def test_staff_are_told_to_ask_an_administrator(client, ctx, login_as):
    login_as(make_user())
    body = client.get("/admin/customers/new").get_data(as_text=True)
    assert "an administrator must add one under Settings → Currencies" in body


def test_a_contract_without_any_currency_is_refused_beside_the_field(client, admin):
    customer = make_customer()
    url = f"/admin/contracts/new?customer={customer.id}"
    response = client.post_form(url, {"customer_id": str(customer.id), "subject": "Maintenance",
                                      "value": "1800", "currency_code": "",
                                      "start_date": "2026-12-01"}, token_from=url)  # fmt: skip
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'id="currency_code-error"' in body and "No currency is set up yet." in body


def test_company_settings_keep_the_country_and_count_for_the_setup(client, admin):
    response = client.post_form("/admin/settings/company",
                                {"company_name": "Atelier Lumière", "company_country": "BE"},
                                token_from="/admin/settings/company")  # fmt: skip
    assert response.status_code == 303
    assert get_settings().company_country == "BE"
    page = client.get("/admin/").get_data(as_text=True)
    assert CARD in page  # still no currency nor language
    assert '<option data-currency="EUR" selected value="BE">' in page
    assert '<option selected value="EUR">' in page  # Belgium's currency, suggested


def test_staff_are_not_told_of_a_missing_currency_once_one_exists(client, ctx, login_as):
    make_currency("EUR", is_default=True)  # e.g. the demo data, with no company name yet
    login_as(make_user())
    page = client.get("/admin/").get_data(as_text=True)
    assert CARD in page and "Until then no currency" not in page
