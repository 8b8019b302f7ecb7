"""Choices for select fields, named in the user's language."""

from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from app.collation import collated, sort_key
from app.i18n import language_names, language_tag
from app.models import Currency

# Babel territories that are not countries.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"}


def country_choices() -> list[SelectChoice]:
    """ISO 3166 countries named in the active language, sorted by its rules (Bénin before
    Burundi, Égypte among the E's in French)."""
    locale = str(get_locale())
    territories = Locale.parse(locale).territories
    countries = [
        (code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    ]
    key = sort_key(locale)
    countries.sort(key=lambda item: key(item[1]))
    return [SelectChoice("", "—")] + [SelectChoice(code, name) for code, name in countries]


def country_name(code: str | None) -> str:
    """A country's name in the active language."""
    if not code:
        return ""
    return Locale.parse(str(get_locale())).territories.get(code, code)


def currency_choices(currencies: list[Currency]) -> list[SelectChoice]:
    """'System default (EUR)' and every currency of `currencies` (the view reads them), by code."""
    default = next((c for c in currencies if c.is_default), None)
    label = _("System default")
    if default:
        label = f"{label} ({default.code})"
    return [SelectChoice("", label)] + [
        SelectChoice(str(c.id), f"{c.code} — {c.symbol}")
        for c in collated(currencies, lambda c: c.code)
    ]


def label_choices(labels: dict, keys) -> list[SelectChoice]:
    """Each stored key with its word from app/labels/, in the order of `keys`."""
    return [SelectChoice(key, labels[key]) for key in keys]


def language_choices(empty=None) -> list[SelectChoice]:
    """An empty choice ('System default' unless named) and every shipped language, each named in
    itself and marked with its language tag (pt-BR) for screen readers."""
    return [SelectChoice("", empty or _("System default"))] + [
        SelectChoice(code, name, render_kw={"lang": language_tag(code)})
        for code, name in language_names()
    ]


def country_currency_choices() -> list[SelectChoice]:
    """country_choices(), each country carrying the currency it uses today (data-currency), for
    the first-run card to suggest it (app/services/setup.py says the same on the server)."""
    from app.services.setup import country_currency

    return [
        SelectChoice(c.value, c.label, render_kw={"data-currency": country_currency(c.value) or ""})
        if c.value else c
        for c in country_choices()
    ]  # fmt: skip


def iso_currency_choices() -> list[SelectChoice]:
    """An empty choice (the country's currency), then every currency some country uses today,
    named in the reader's language and sorted in its order."""
    from babel.numbers import get_currency_name

    from app.collation import collated
    from app.services.setup import current_currencies

    locale = str(get_locale())
    named = [(code, get_currency_name(code, locale=locale)) for code in current_currencies()]
    return [SelectChoice("", _("The country's currency"))] + [
        SelectChoice(code, f"{name} ({code})")
        for code, name in collated(named, lambda item: item[1], locale)
    ]


def time_zone_choices(keep: str | None = None) -> list[SelectChoice]:
    """The canonical time zones, each named in the reader's language with its offset now
    ('France — Paris (UTC+01:00)'), in the reader's order. `keep`, a zone saved before this list
    (an alias such as Asia/Calcutta), stays offered so that it shows selected."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from babel.core import get_global
    from babel.dates import get_timezone_gmt, get_timezone_location

    from app.collation import collated
    from app.i18n import canonical_time_zones, time_zones

    locale = get_locale()
    territories = get_global("zone_territories")

    def name(zone: str) -> str:
        if "/" not in zone:
            return "UTC"
        offset = get_timezone_gmt(datetime.now(ZoneInfo(zone)), locale=locale)
        city = get_timezone_location(zone, locale=locale, return_city=True)
        territory = territories.get(zone, "")  # 001: the world (Antarctic stations)
        country = locale.territories.get(territory, "") if territory.isalpha() else ""
        return f"{country} — {city} ({offset})" if country else f"{city} ({offset})"

    zones = set(canonical_time_zones())
    if keep in time_zones():
        zones.add(keep)
    named = [(zone, name(zone)) for zone in zones]
    return [SelectChoice(zone, label) for zone, label in collated(named, lambda z: z[1])]
