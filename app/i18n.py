"""The languages we ship, the system default, and Babel-backed formatting filters (which
language each output speaks: app/services/languages.py)."""

import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from functools import cache
from zoneinfo import available_timezones

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import (
    format_currency,
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    get_locale,
    get_timezone,
    to_user_timezone,
)
from flask_login import current_user

from app.collation import collated

LANGUAGE_COOKIE = "lang"
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


def shipped_languages() -> tuple[str, ...]:
    """The languages we ship a translation for."""
    return tuple(current_app.config["LANGUAGES"])


def language_names() -> list[tuple[str, str]]:
    """Each shipped language named in its own language, e.g. ('fr', 'Français'), sorted by name
    in the reader's language."""
    names = [(code, language_name(code)) for code in shipped_languages()]
    return collated(names, lambda pair: pair[1])


def language_name(code: str | None) -> str:
    """A language named in itself: 'fr' -> 'Français'."""
    name = Locale.parse(code).display_name if code else ""
    return name[:1].upper() + name[1:]  # "Português (Brasil)": only the first letter changes


def shipped_code(text: str | None) -> str | None:
    """The shipped language a link or form names, however its tag is written (pt-BR, pt_br,
    pt_BR), else None."""
    wanted = (text or "").replace("-", "_").casefold()
    return next((code for code in shipped_languages() if code.casefold() == wanted), None)


def resolve_language(code: str | None) -> str:
    """`code` if we ship it, else the system default language."""
    return code if code in shipped_languages() else default_language()


def localization():
    """The saved settings (default language, time zone, date format), read through the function
    the app registered in configure_i18n: i18n sits below the services and never imports them."""
    return current_app.extensions["comptoir.read_settings"]()


def default_language() -> str:
    """The system default language (Settings -> Localization, else DEFAULT_LANGUAGE)."""
    language = localization().default_language
    return language if language in shipped_languages() else current_app.config["DEFAULT_LANGUAGE"]


def select_timezone() -> str:
    """Dates and times are shown in the signed-in staff member's own time zone (My profile),
    else in the one chosen under Settings -> Localization."""
    user = current_user._get_current_object() if has_request_context() else None
    own = user.timezone if is_staff_user(user) else None
    return own if own in time_zones() else localization().timezone


@cache
def time_zones() -> frozenset[str]:
    """The IANA time zone names this machine knows (read from disk once)."""
    return frozenset(available_timezones())


@cache
def canonical_time_zones() -> frozenset[str]:
    """The time zones a person picks from: this machine's IANA names without the aliases CLDR
    knows (Asia/Calcutta, US/Pacific), Etc/*, Factory, localtime, posix/ and right/; UTC kept."""
    from babel.core import get_global

    aliases = get_global("zone_aliases")
    return frozenset(
        zone
        for zone in time_zones()
        if "/" in zone
        and zone not in aliases
        and not zone.startswith(("Etc/", "posix/", "right/", "SystemV/"))
    ) | ({"UTC"} & time_zones())


def is_staff_user(user) -> bool:
    """A signed-in staff member (not a visitor, not a portal contact)."""
    return bool(user and user.is_authenticated and user.kind == "staff")


def format_day(value, fmt: str | None = None) -> str:
    """A date in the active locale, by default in the format chosen in the settings (a date
    and time: its day in the reader's time zone)."""
    if not value:
        return ""
    fmt = fmt or localization().date_format
    locale = get_locale()
    if isinstance(value, datetime):  # a moment: its day in the reader's zone, once per moment
        moment = (value, fmt, locale, get_timezone())
        shown = _MOMENTS.get(moment)
        if shown is None:
            shown = remember(_MOMENTS, moment, _day(to_user_timezone(value).date(), fmt, locale))
        return shown
    return _day(value, fmt, locale)


def day_maker(fmt: str | None = None) -> Callable:
    """format_day as a function of the value, its format, locale and zone looked up once: a
    list shows a date in every row (the same text as format_day, from the same caches)."""
    fmt = fmt or localization().date_format
    locale, zone = get_locale(), get_timezone()

    def day(value) -> str:
        if isinstance(value, datetime) and value:
            shown = _MOMENTS.get((value, fmt, locale, zone))
            return shown if shown is not None else format_day(value, fmt)
        return _day(value, fmt, locale) if value else ""

    return day


def _day(value, fmt: str, locale) -> str:
    """Babel's formatting, once per day, format and locale (lists repeat them)."""
    key = (value, fmt, locale)
    shown = _DAYS.get(key)
    if shown is None:
        shown = remember(_DAYS, key, format_date(value, "yyyy-MM-dd" if fmt == "iso" else fmt))
    return shown


def remember(cache: dict, key, shown: str) -> str:
    """Keep `shown` under `key` in a per-process cache of at most 4,096 entries (emptied when
    full: what lists repeat comes back at once), and return it."""
    if len(cache) >= 4096:
        cache.clear()
    cache[key] = shown
    return shown


_MOMENTS: dict[tuple, str] = {}
_DAYS: dict[tuple, str] = {}


def remember_language(response, code: str) -> None:
    """Keep a visitor's language in a cookie (sign-in pages read it)."""
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )


def language_tag(code=None) -> str:
    """A language code as HTML's lang attribute writes it (BCP 47): 'pt_BR' -> 'pt-BR'; the
    active locale's when no code is given."""
    return str(code if code is not None else get_locale()).replace("_", "-")


def text_direction() -> str:
    """'rtl' for right-to-left locales, else 'ltr'."""
    return "rtl" if str(get_locale()).split("_")[0] in RTL_LANGUAGES else "ltr"


def left_to_right_text(value: str) -> str:
    """`value` (an email, a number) kept left to right where markup cannot go (a <select>
    option, a flash message): isolated with LRI…PDI on a right-to-left page, unchanged otherwise."""
    return f"\u2066{value}\u2069" if value and text_direction() == "rtl" else value


def money(amount, currency: str, exact: bool = False) -> str:
    """An amount in the active locale and the given currency: '1 234,50 €' in French.

    Babel applies the reader's language conventions (separators, where the symbol goes); the
    number of decimals is the one set for the currency under Settings → Currencies.
    """
    decimals = currency_decimals(currency)
    amount = amount if exact else _never_negative_zero(amount, decimals)
    if exact and amount is not None:  # a unit rate: never rounded for display
        digits = max(0, -Decimal(amount).normalize().as_tuple().exponent)
        decimals = max(decimals if decimals is not None else 2, min(digits, 4))
    if decimals is None:
        return _true_minus(format_currency(amount, currency), amount)
    return _formatted(amount, currency, str(get_locale()), decimals)


_FORMATTED: dict[tuple, str] = {}


def _formatted(amount, currency: str, locale: str, decimals: int) -> str:
    """`amount` shown in `locale` with `decimals` fraction digits: what Babel's
    format_currency gives, worked out once per amount (a report repeats "€0.00" hundreds of
    times) from the locale's pattern parsed once. Keyed by the amount's text, not its value:
    -0 and 0 are equal numbers, yet Babel shows them apart."""
    key = (type(amount), str(amount), currency, locale, decimals)
    shown = _FORMATTED.get(key)
    if shown is None:
        pattern, parsed = _currency_pattern(locale, decimals)
        shown = _true_minus(
            pattern.apply(amount, parsed, currency=currency, currency_digits=False), amount
        )
        if len(_FORMATTED) >= 4096:
            _FORMATTED.clear()
        _FORMATTED[key] = shown
    return shown


@cache
def _currency_pattern(locale: str, decimals: int) -> tuple[NumberPattern, Locale]:
    """The locale's standard currency pattern with `decimals` fraction digits, and the locale."""
    parsed = Locale.parse(locale)
    pattern = parsed.currency_formats["standard"].pattern
    fraction = "." + "0" * decimals if decimals else ""
    return parse_pattern(re.sub(r"0(\.0+)?", "0" + fraction, pattern, count=1)), parsed


def _never_negative_zero(amount, decimals: int | None):
    """A negative amount that shows as zero (-0, -0.001 at 2 decimals) is zero."""
    if amount is None or Decimal(amount) >= 0:
        return amount
    if Decimal(amount).quantize(Decimal(1).scaleb(-(2 if decimals is None else decimals))) == 0:
        return Decimal(0)
    return amount


def _true_minus(shown: str, amount) -> str:
    """A negative amount with a true minus sign (U+2212), as invoices print their discount and
    amount paid ("−€300.00"), never a hyphen."""
    if amount is not None and Decimal(amount) < 0:
        return shown.replace("-", "\u2212", 1)
    return shown


def currency_decimals(code: str) -> int | None:
    """The decimals set for a currency (read once per request), None if unknown."""
    from app.extensions import db
    from app.models import Currency

    if not has_request_context():
        return None
    if "currency_decimals" not in g:
        g.currency_decimals = dict(
            db.session.execute(db.select(Currency.code, Currency.decimals)).all()
        )
    return g.currency_decimals.get(code)


def format_moment(value, fmt: str = "medium") -> str:
    """A date and time in the active locale and the settings' time zone; '' for none."""
    return format_datetime(value, fmt) if value else ""


def percent(value) -> str:
    """A rate stored as 20 (for 20 %) in the active locale: '20,0 %' in French."""
    return format_percent((value or 0) / 100, format="#,##0.0 %")


def number(value) -> str:
    """A number in the active locale; 0 for none."""
    return format_decimal(value or 0)


def configure_i18n(app: Flask, read_settings: Callable[[], object]) -> None:
    """`read_settings` gives the saved settings (the filters above are registered with every
    other template helper in app/templating.py); words come from the request's catalogue
    (app/catalogue.py)."""
    from app.catalogue import configure_catalogue

    app.extensions["comptoir.read_settings"] = read_settings
    configure_catalogue(app)
