"""One cell of an imported file read as what it means, or refused with the reason (CellError);
never a guess: a date in the order the person picked, a number in the style they picked (read
by app/numbers.py like every form), a yes/no in any of our languages, a country by its code or
its name in any of our languages."""

import re
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol, list_currencies
from flask import has_app_context
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.config import discover_languages
from app.exports import strip_formula_guard
from app.i18n import shipped_languages
from app.numbers import NumberError, parse_number
from app.text import fold

# key -> (order of day, month, year; separator; label)
DATE_FORMATS = {
    "dmy_slash": ("dmy", "/", _l("Day/month/year (31/12/2026)")),
    "mdy_slash": ("mdy", "/", _l("Month/day/year (12/31/2026)")),
    "ymd_dash": ("ymd", "-", _l("Year-month-day (2026-12-31)")),
    "ymd_slash": ("ymd", "/", _l("Year/month/day (2026/12/31)")),
    "dmy_dot": ("dmy", ".", _l("Day.month.year (31.12.2026)")),
    "dmy_dash": ("dmy", "-", _l("Day-month-year (31-12-2026)")),
}
# A locale's number style, shown as an example of it: the person picks the one of their file.
NUMBER_LOCALES = {"en": "1,234.56", "fr": "1 234,56", "de": "1.234,56"}
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
# fmt: off
YES_WORDS = {"yes", "y", "true", "1", "oui", "vrai", "ja", "wahr", "si", "sí", "verdadero", "sì",
             "vero", "tak", "prawda", "sim", "verdadeiro", "evet", "doğru", "نعم", "是", "真",
             "active", "actif", "aktiv", "activo", "attivo", "actief", "ativo"}
NO_WORDS = {"no", "n", "false", "0", "non", "faux", "nein", "falsch", "falso", "nee", "onwaar",
            "nie", "fałsz", "não", "nao", "hayır", "yanlış", "لا", "否", "假", "inactive",
            "inactif", "inaktiv", "inactivo", "inattivo", "inactief", "inativo"}
# fmt: on
FOLDED_YES, FOLDED_NO = frozenset(map(fold, YES_WORDS)), frozenset(map(fold, NO_WORDS))
COUNTRY_ALIASES = {"uk": "GB", "usa": "US", "us": "US", "uae": "AE", "england": "GB"}


class CellError(ValueError):
    """A cell that does not say what its column needs; str() is the reason, translated."""


def default_date_format(locale) -> str:
    """The order of the locale's own short dates (en: mdy_slash, fr: dmy_slash, de: dmy_dot)."""
    pattern = Locale.parse(str(locale or "en")).date_formats["short"].pattern
    letters = re.sub(r"[^dMy./-]", "", pattern)
    order = "".join(dict.fromkeys(ch.lower() for ch in letters if ch in "dMy"))
    separator = next((ch for ch in letters if ch in "./-"), "/")
    for key, (fmt_order, fmt_separator, _label) in DATE_FORMATS.items():
        if (fmt_order, fmt_separator) == (order, separator):
            return key
    return "ymd_dash"


def default_number_locale(locale) -> str:
    """The NUMBER_LOCALES key writing numbers as `locale` does."""
    locale = Locale.parse(str(locale or "en"))
    if get_decimal_symbol(locale) == ".":
        return "en"
    return "de" if get_group_symbol(locale) == "." else "fr"


def _example(fmt: str) -> str:
    order, separator, _label = DATE_FORMATS[fmt]
    parts = {"d": "31", "m": "12", "y": "2026"}
    return separator.join(parts[part] for part in order)


def parse_cell_date(value, fmt: str) -> date:
    """A date cell: an XLSX date, an ISO date (what our exports write), or text in `fmt`."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    refused = CellError(_("Enter a date such as %(example)s.", example=_example(fmt)))
    order, separator, _label = DATE_FORMATS[fmt]
    iso = ISO_DATE.fullmatch(text)
    if iso:
        parts = dict(zip("ymd", iso.groups(), strict=True))
    else:
        pieces = text.split(separator)
        if len(pieces) != 3 or not all(p.isascii() and p.isdigit() for p in pieces):
            raise refused
        parts = dict(zip(order, pieces, strict=True))
        if len(parts["y"]) != 4 or len(parts["d"]) > 2 or len(parts["m"]) > 2:
            raise refused  # a two-digit year could be of either century
    try:
        return date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
    except ValueError:
        raise CellError(_("“%(value)s” is not a date that exists.", value=text)) from None


def parse_cell_number(value, locale) -> Decimal:
    """A number cell: an XLSX number, or text read in `locale`'s style (app/numbers.py)."""
    if isinstance(value, bool | date):
        raise CellError(_("Enter a number."))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    try:
        return parse_number(cell_text(value), locale)
    except NumberError as error:
        raise CellError(str(error)) from None


@cache
def _yes_no(languages: tuple[str, ...]) -> tuple[frozenset, frozenset]:
    """The folded words for yes and for no: ours, and "Yes"/"No" as each language says them."""
    yes, no = set(FOLDED_YES), set(FOLDED_NO)
    for language in languages:
        with force_locale(language):
            yes.add(fold(_("Yes")))
            no.add(fold(_("No")))
    return frozenset(yes), frozenset(no)


def parse_cell_bool(value) -> bool:
    """A yes/no cell: a true/false cell, 1/0, or yes/no (true/false, active/inactive) in any
    of our languages."""
    if isinstance(value, bool):
        return value
    word = fold(cell_text(value))
    yes, no = FOLDED_YES, FOLDED_NO
    if has_app_context():
        yes, no = _yes_no(tuple(shipped_languages()))
    if word in yes and word not in no:
        return True
    if word in no and word not in yes:
        return False
    raise CellError(_("Enter yes or no."))


def cell_text(value) -> str:
    """Any cell as text: numbers without a float's tail, dates in ISO, nothing as ""; the
    apostrophe our exports put before a formula-like text is taken off."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        whole = value == value.to_integral_value()
        return format(value.to_integral_value() if whole else value, "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return strip_formula_guard(str(value).strip())


@cache
def _country_names() -> dict[str, str]:
    """Folded country names in every language Babel knows of ours -> ISO code."""
    names = {}
    for language in discover_languages():
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(fold(name), code)
    return names


def parse_cell_country(value) -> str:
    """A country cell: an ISO code ("FR", "fr") or a name in any of our languages -> "FR"."""
    text = cell_text(value)
    key = fold(text)
    if len(text) == 2 and text.isascii() and text.upper() in Locale("en").territories:
        return text.upper()
    code = COUNTRY_ALIASES.get(key.replace(".", "")) or _country_names().get(key)
    if not code:
        raise CellError(_("“%(value)s” is not a country we know.", value=text))
    return code


@cache
def _language_names(languages: tuple[str, ...]) -> dict[str, str]:
    names = {}
    for code in languages:
        names[fold(code)] = code
        names[fold(code.replace("_", "-"))] = code
        names.setdefault(fold(code.split("_")[0]), code)
        target = Locale.parse(code)
        for reader in languages:
            names.setdefault(fold(target.get_display_name(reader) or ""), code)
            names.setdefault(fold(target.get_language_name(reader) or ""), code)
    names.pop("", None)
    return names


def parse_cell_language(value, languages: tuple[str, ...] | None = None) -> str:
    """A language cell: a code ("fr", "pt-BR") or a name ("French", "français") -> a shipped
    language's code."""
    if languages is None:
        languages = shipped_languages()
    text = cell_text(value)
    code = _language_names(tuple(languages)).get(fold(text))
    if not code:
        raise CellError(_("“%(value)s” is not a language we offer.", value=text))
    return code


def parse_cell_currency(value) -> str:
    """A currency cell: an ISO code ("eur" -> "EUR")."""
    text = cell_text(value).upper()
    if not (len(text) == 3 and text.isascii() and text in list_currencies()):
        raise CellError(_("“%(value)s” is not a currency code such as EUR.", value=text))
    return text
