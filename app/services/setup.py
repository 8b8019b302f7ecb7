"""The first-run setup: the company's name, country, default currency and language.

A fresh install (`db upgrade`, `users create`, no demo data) has none of them, and no currency
at all; until an administrator sets them the dashboard shows the first-run card.
"""

from datetime import date
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import (
    get_currency_precision,
    get_currency_symbol,
    get_territory_currencies,
)
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Currency
from app.services import Collector
from app.services.currencies import make_default
from app.services.settings import get_settings, save_settings

SETTINGS = ("company_name", "company_country", "default_language")
NAME_MAX = 200
SYMBOL_MAX = 8  # Currency.symbol


def default_currency() -> Currency | None:
    return db.session.scalar(select(Currency).where(Currency.is_default))


def setup_missing() -> list[str]:
    """The first-run fields not set yet (empty once an administrator has finished the setup)."""
    settings = get_settings()
    missing = [key for key in SETTINGS if not settings.is_saved(key)]
    if default_currency() is None:
        missing.append("default_currency")
    return missing


@cache
def country_currency(country: str) -> str | None:
    """The currency a country uses today (Babel's CLDR data), e.g. FR → EUR, CH → CHF."""
    if not country:
        return None
    codes = get_territory_currencies(country.upper(), date.today(), tender=True)
    return codes[0] if codes else None


def known_countries() -> set[str]:
    """Every ISO 3166 code the country lists offer."""
    from app.forms.choices import country_choices

    return {choice.value for choice in country_choices() if choice.value}


def _locale(language: str, country: str) -> Locale:
    """The locale of the firm's language in its country (fr_CA writes CAD as '$')."""
    for tag in (f"{language}_{country}", language):
        try:
            return Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


def current_currencies() -> frozenset[str]:
    """The ISO 4217 codes some territory uses as legal tender today (Babel's CLDR data): no
    test or precious-metal codes (XTS, XAU, XAG), no retired ones (French franc, Deutsche Mark)."""
    return _tender_on(date.today())


@cache
def _tender_on(day: date) -> frozenset[str]:
    return frozenset(
        code
        for territory in get_global("territory_currencies")
        for code in get_territory_currencies(territory, day, tender=True)
    )


def currency_for(code: str, language: str, country: str) -> Currency:
    """The currency row of `code`, created from Babel's symbol, decimals and placement."""
    currency = db.session.scalar(select(Currency).where(Currency.code == code))
    if currency is not None:
        return currency
    locale = _locale(language, country)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    currency = Currency(
        code=code,
        symbol=get_currency_symbol(code, locale=locale)[:SYMBOL_MAX],
        decimals=min(get_currency_precision(code), 4),
        symbol_after=pattern.find("¤") > pattern.find("0"),
    )
    db.session.add(currency)
    db.session.flush()
    return currency


def finish_setup(name: str, country: str, currency_code: str, language: str) -> Currency:
    """Save the first-run answers (every refusal at once, beside its field, nothing written):
    the company name and country, the default language, and the default currency — created
    from Babel if missing; empty means the country's currency."""
    errors = Collector()
    name = errors.text("company_name", name, NAME_MAX, _("Enter the company's name."))
    country = (country or "").strip().upper()
    if country not in known_countries():
        errors.add("company_country", _("Choose a country from the list."))
    code = (currency_code or "").strip().upper() or country_currency(country) or ""
    if not code:
        errors.add("default_currency", _("Choose a currency from the list."))
    elif code not in current_currencies():
        errors.add(
            "default_currency", _("This is not an ISO 4217 currency code (e.g. EUR, USD, CHF).")
        )
    if language not in current_app.config["LANGUAGES"]:
        errors.add("default_language", _("Choose a language from the list."))
    errors.raise_if_any()
    currency = currency_for(code, language, country)
    make_default(currency)
    save_settings({"company_name": name, "company_country": country, "default_language": language})
    return currency
