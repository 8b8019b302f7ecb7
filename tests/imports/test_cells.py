"""Each cell of an imported file is read as the person meant it, or refused with the reason
beside the row; never guessed (app/services/imports/cells.py)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.services.imports.cells import (
    DATE_FORMATS,
    NUMBER_LOCALES,
    CellError,
    cell_text,
    default_date_format,
    default_number_locale,
    parse_cell_bool,
    parse_cell_country,
    parse_cell_currency,
    parse_cell_date,
    parse_cell_language,
    parse_cell_number,
)

SHIPPED = ("en", "ar", "de", "es", "fr", "it", "nl", "pl", "pt_BR", "tr", "zh")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en", "mdy_slash"), ("fr", "dmy_slash"), ("de", "dmy_dot"), ("nl", "dmy_dash"),
     ("es", "dmy_slash"), ("pt_BR", "dmy_slash"), ("pl", "dmy_dot"), ("tr", "dmy_dot"),
     ("ar", "dmy_slash"), ("zh", "ymd_slash"), ("it", "dmy_slash")],
)  # fmt: skip
def test_the_date_order_follows_the_persons_language(locale, expected):
    assert default_date_format(locale) == expected
    assert expected in DATE_FORMATS


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("31/12/2026", "dmy_slash", date(2026, 12, 31)),
        ("1/2/2026", "dmy_slash", date(2026, 2, 1)),
        ("1/2/2026", "mdy_slash", date(2026, 1, 2)),
        ("31.12.2026", "dmy_dot", date(2026, 12, 31)),
        ("31-12-2026", "dmy_dash", date(2026, 12, 31)),
        ("2026/12/31", "ymd_slash", date(2026, 12, 31)),
        ("2026-12-31", "dmy_slash", date(2026, 12, 31)),  # ISO, as our exports write, always
        ("2026-12-31 09:12:44", "mdy_slash", date(2026, 12, 31)),
        (date(2026, 12, 31), "mdy_slash", date(2026, 12, 31)),  # an XLSX date cell
        (datetime(2026, 12, 31, 9, 0), "dmy_slash", date(2026, 12, 31)),
    ],
)
def test_dates_are_read_in_the_chosen_order(value, fmt, expected):
    assert parse_cell_date(value, fmt) == expected


@pytest.mark.parametrize(
    ("value", "fmt"),
    [("12/31/2026", "dmy_slash"), ("31/12/26", "dmy_slash"), ("31.12.2026", "dmy_slash"),
     ("31/12/2026", "mdy_slash"), ("demain", "dmy_slash"), ("", "dmy_slash"),
     ("30/02/2026", "dmy_slash"), (45000, "dmy_slash")],
)  # fmt: skip
def test_a_date_not_in_the_chosen_order_is_refused(value, fmt):
    with pytest.raises(CellError):
        parse_cell_date(value, fmt)


def test_the_date_refusal_shows_the_order_expected(speaking):
    with speaking("fr"), pytest.raises(CellError) as refused:
        parse_cell_date("2026.12.31", "dmy_slash")
    assert str(refused.value) == "Saisissez une date comme 31/12/2026."


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        ("1 234,56", "fr", "1234.56"),
        ("1.234,56", "de", "1234.56"),
        ("1,234.56", "en", "1234.56"),
        ("1.234", "en", "1.234"),
        ("-12,5", "fr", "-12.5"),
        ("'-12,5", "fr", "-12.5"),  # the apostrophe our CSV exports put before a minus
        (Decimal("1234.5"), "fr", "1234.5"),  # XLSX numbers are numbers whatever the locale
        (12, "de", "12"),
        (0.1, "en", "0.1"),
    ],
)
def test_numbers_are_read_in_the_chosen_style(value, locale, expected):
    assert parse_cell_number(value, locale) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "locale"),
    [("1.234", "de"), ("1.234", "fr"), ("12 €", "fr"), ("abc", "en"), ("", "en"), (True, "en"),
     (date(2026, 1, 1), "en")],
)  # fmt: skip
def test_ambiguous_or_wrong_numbers_are_refused(value, locale):
    with pytest.raises(CellError):
        parse_cell_number(value, locale)


def test_an_ambiguous_number_says_both_readings(speaking):
    with speaking("de"), pytest.raises(CellError) as refused:
        parse_cell_number("1.234", "de")
    assert "1234" in str(refused.value) and "1,234" in str(refused.value)


def test_number_styles_default_to_the_persons_language():
    assert {default_number_locale(code) for code in SHIPPED} == set(NUMBER_LOCALES)
    assert default_number_locale("en") == "en" and default_number_locale("zh") == "en"
    assert default_number_locale("fr") == "fr" and default_number_locale("pl") == "fr"
    assert default_number_locale("de") == "de" and default_number_locale("pt_BR") == "de"


@pytest.mark.parametrize(
    "value", ["yes", "Yes", "TRUE", "1", "oui", "Oui", "ja", "sí", "si", "sì", "tak", "sim",
              "evet", "نعم", "是", "Actif", 1, True],
)  # fmt: skip
def test_yes_in_every_language(value):
    assert parse_cell_bool(value) is True


@pytest.mark.parametrize(
    "value", ["no", "FALSE", "0", "non", "nein", "nee", "nie", "não", "hayır", "لا", "否",
              "inactif", 0, False],
)  # fmt: skip
def test_no_in_every_language(value):
    assert parse_cell_bool(value) is False


def test_our_exports_yes_and_no_read_back_in_every_language(offline, speaking):
    from flask_babel import gettext

    for language in SHIPPED:
        with speaking(language):
            assert parse_cell_bool(gettext("Yes")) is True, language
            assert parse_cell_bool(gettext("No")) is False, language


@pytest.mark.parametrize("value", ["maybe", "2", "", "yes please"])
def test_anything_else_is_not_yes_or_no(value):
    with pytest.raises(CellError):
        parse_cell_bool(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (33612345678, "33612345678"),
        (Decimal("33612345678"), "33612345678"),
        (Decimal("12.50"), "12.50"),
        (date(2026, 12, 31), "2026-12-31"),
        (datetime(2026, 12, 31, 9, 5), "2026-12-31 09:05:00"),
        ("  Acme  ", "Acme"),
        ("'=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"),  # our exports' formula guard, undone
        ("'-", "-"),
        ("l'atelier", "l'atelier"),  # an apostrophe that is no guard stays
        (True, "Yes"),
    ],
)
def test_any_cell_as_text(value, expected):
    assert cell_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("FR", "FR"), ("fr", "FR"), ("France", "FR"), ("Allemagne", "DE"), ("Deutschland", "DE"),
     ("Germany", "DE"), ("Espagne", "ES"), ("España", "ES"), ("Royaume-Uni", "GB"),
     ("United Kingdom", "GB"), ("UK", "GB"), ("Vereinigte Staaten", "US"), ("USA", "US"),
     ("ألمانيا", "DE"), ("德国", "DE"), ("Türkiye", "TR"), ("Brasil", "BR"), (" italie ", "IT")],
)  # fmt: skip
def test_countries_by_code_or_name_in_any_of_our_languages(value, expected):
    assert parse_cell_country(value) == expected


@pytest.mark.parametrize("value", ["Atlantis", "XX", "", "FRA1"])
def test_an_unknown_country_is_refused(value):
    with pytest.raises(CellError):
        parse_cell_country(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("fr", "fr"), ("FR", "fr"), ("French", "fr"), ("français", "fr"), ("Französisch", "fr"),
     ("pt-BR", "pt_BR"), ("pt_BR", "pt_BR"), ("Portuguese", "pt_BR"), ("português", "pt_BR"),
     ("Deutsch", "de"), ("العربية", "ar"), ("中文", "zh"), ("english", "en")],
)  # fmt: skip
def test_languages_by_code_or_name(value, expected):
    assert parse_cell_language(value, SHIPPED) == expected


@pytest.mark.parametrize("value", ["Klingon", "ja", ""])
def test_a_language_we_do_not_offer_is_refused(value):
    with pytest.raises(CellError):
        parse_cell_language(value, SHIPPED)


def test_currencies_by_iso_code():
    assert parse_cell_currency("eur") == "EUR"
    assert parse_cell_currency(" JPY ") == "JPY"
    for value in ("EURO", "€", "", "ZZZ"):
        with pytest.raises(CellError):
            parse_cell_currency(value)
