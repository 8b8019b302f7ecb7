"""Checks and normal forms of customer fields: VAT numbers, phones, websites, company names."""

import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

import phonenumbers
from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _
from stdnum import get_cc_module
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError

from app.services import ValidationError
from app.text import fold  # noqa: F401  (search and the customer services import it from here)

# EU VAT prefixes differ from ISO 3166 for Greece (and Northern Ireland, part of GB).
EU_VAT_PREFIX = {"GR": "EL"}
VAT_PREFIX_COUNTRY = {"EL": "GR", "XI": "GB"}
LEGAL_SUFFIXES = {
    "sarl",
    "sas",
    "sasu",
    "sa",
    "eurl",
    "sci",
    "gmbh",
    "ag",
    "kg",
    "ohg",
    "ug",
    "ltd",
    "limited",
    "plc",
    "llc",
    "llp",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "sl",
    "slu",
    "srl",
    "spa",
    "bv",
    "nv",
    "oy",
    "ab",
    "as",
    "aps",
    "sro",
    "kft",
    "doo",
    "lda",
    "sp",
    "zoo",
    "e",
    "k",
    "mbh",
    "cie",
    "et",
}


def company_key(company: str) -> str:
    """The company name reduced for duplicate detection: no case, accents, punctuation, suffix."""
    # Dots go first so "S.A.R.L." reads as the suffix "sarl".
    words = re.findall(r"[a-z0-9]+", fold(company).replace(".", ""))
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def _compact_vat(raw: str | None) -> str:
    return re.sub(r"[\s.\-/]", "", raw or "").upper()


def vat_country(raw: str | None) -> str | None:
    """The country (ISO 3166) a VAT number's EU prefix names: FR…, DE…, EL… (Greece), else None."""
    prefix = _compact_vat(raw)[:2]
    if prefix.isalpha() and (prefix.lower() in eu_vat.MEMBER_STATES or prefix == "EL"):
        return VAT_PREFIX_COUNTRY.get(prefix, prefix)
    return None


def _territory(code: str) -> str:
    return Locale.parse(str(get_locale())).territories.get(code, code)


def normalize_vat(raw: str, country: str | None) -> str | None:
    """Check a VAT number's format and check digits for its country; return its compact form."""
    compact = _compact_vat(raw)
    if not compact:
        return None
    prefix = compact[:2]
    country = (country or "").upper()
    own_country = vat_country(compact)
    if own_country:
        candidate = compact
    elif country.lower() in eu_vat.MEMBER_STATES:
        candidate = EU_VAT_PREFIX.get(country, country) + compact
    else:
        candidate = None
    try:
        if candidate:
            return eu_vat.validate(candidate)
        module = get_cc_module(country.lower(), "vat") if country else None
        if module is not None:
            return module.compact(module.validate(compact))
    except StdnumError as exc:
        if own_country and own_country != country:  # its prefix names another (or no) choice
            message = _("This VAT number is not valid for its prefix %(prefix)s (%(country)s).",
                        prefix=prefix, country=_territory(own_country))  # fmt: skip
        else:
            message = _("This VAT number is not valid for the chosen country.")
        raise ValidationError(message, "vat_number") from exc
    if not re.fullmatch(r"[A-Z0-9]{4,20}", compact):
        raise ValidationError(_("A VAT number has 4 to 20 letters and digits."), "vat_number")
    return compact


# What `_e164` remembers for a number it could not read, or read but found invalid (the message
# is worded at each call, in the asker's language).
_UNREADABLE, _INVALID = object(), object()


def normalize_phone(raw: str, country: str | None, field: str = "phone") -> str | None:
    """Parse a phone number (national numbers read in `country`) and return it in E.164."""
    raw = (raw or "").strip()
    if not raw:
        return None
    e164 = _e164(raw, (country or "").upper() or None)
    if e164 is _UNREADABLE:
        raise ValidationError(
            _("Enter the number with its country code, e.g. +33 1 23 45 67 89."), field
        )
    if e164 is _INVALID:
        raise ValidationError(_("This phone number is not valid."), field)
    return e164


@lru_cache(maxsize=4096)
def _e164(raw: str, region: str | None):
    """The number in E.164, or why not (a pure function, remembered: an import checks each
    row's number twice, its row's cell then the form's rules, and parsing is slow)."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return _UNREADABLE
    if not phonenumbers.is_valid_number(number):
        return _INVALID
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=4096)  # a list shows the same numbers page after page; parsing is slow
def format_phone(e164: str | None) -> str:
    """An E.164 number written for people: +33 1 23 45 67 89."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalize_website(raw: str) -> str | None:
    """An http(s) address with a lower-case host; 'example.com' becomes 'https://example.com'."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if "://" not in raw:
        raw = "https://" + raw
    invalid = ValidationError(_("Enter a website address such as example.com."), "website")
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
        ascii_host = host.encode("idna").decode() if host else ""
        port = parts.port
    except (ValueError, UnicodeError) as exc:
        raise invalid from exc
    valid_host = re.fullmatch(r"([a-z0-9-]+\.)+[a-z0-9-]{2,}", ascii_host)
    if parts.scheme.lower() not in {"http", "https"} or not valid_host or parts.username:
        raise invalid
    path = parts.path.rstrip("/") if parts.path != "/" else ""
    return urlunsplit(
        (parts.scheme.lower(), host + (f":{port}" if port else ""), path, parts.query, "")
    )
