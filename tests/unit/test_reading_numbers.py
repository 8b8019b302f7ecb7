"""Numbers typed the local way are read as the person meant, or refused with a reason; never
misread (app/numbers.py)."""

from decimal import Decimal

import pytest
from flask_babel import force_locale

from app.numbers import NumberError, format_number, parse_number

NBSP, NNBSP = "\u00a0", "\u202f"

READ = [
    # French: comma decimals, spaces of every kind as groups
    ("fr", "150,50", "150.50"),
    ("fr", "1800,50", "1800.50"),
    ("fr", "1 800,50", "1800.50"),
    ("fr", f"1{NBSP}800,50", "1800.50"),
    ("fr", f"1{NNBSP}800,50", "1800.50"),
    ("fr", f"1{NNBSP}800{NNBSP}000", "1800000"),
    ("fr", "1.800,50", "1800.50"),  # with a decimal comma, dots can only be groups
    ("fr", "1800.50", "1800.50"),  # a keypad's decimal point, unambiguous
    ("fr", "1.5", "1.5"),
    ("fr", "1.800.000", "1800000"),
    ("fr", ",5", "0.5"),
    ("fr", "0,800", "0.800"),
    ("fr", " 42 ", "42"),
    ("fr", "-12,5", "-12.5"),
    ("fr", "\u221212,5", "-12.5"),  # U+2212 MINUS SIGN
    ("fr", "+3", "3"),
    # German: dots as groups, comma decimals
    ("de", "1.800,50", "1800.50"),
    ("de", "1800,50", "1800.50"),
    ("de", "1 800,50", "1800.50"),
    ("de", "1.800.000,25", "1800000.25"),
    ("de", "1.80", "1.80"),
    # Spanish
    ("es", "150,50", "150.50"),
    ("es", "1 800,50", "1800.50"),
    ("es", "1800,50", "1800.50"),
    ("es", "1.800,50", "1800.50"),
    # English: point decimals, comma groups when they are valid groups
    ("en", "1,800.50", "1800.50"),
    ("en", "1800.50", "1800.50"),
    ("en", "1,800", "1800"),
    ("en", "1,800,000", "1800000"),
    ("en", "1 800.50", "1800.50"),
    ("en", "150,50", "150.50"),  # not groups: only a decimal comma reads so
    ("en", "-1,000", "-1000"),
    ("en", ".5", "0.5"),
    # Digits of other scripts
    ("fr", "١٥٠٫٥٠", "150.50"),  # Arabic-Indic, Arabic decimal separator
    ("fr", "۱۵۰,۵", "150.5"),  # Extended Arabic-Indic
    ("en", "١٬٨٠٠٫٥", "1800.5"),  # Arabic thousands separator
    ("de", "１２,５", "12.5"),  # fullwidth
]


@pytest.mark.parametrize(("locale", "typed", "expected"), READ)
def test_a_number_typed_the_local_way_is_read_as_meant(locale, typed, expected):
    assert parse_number(typed, locale) == Decimal(expected)


NOT_NUMBERS = ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf", "1e5", "1E5", "1e-3",
               "0x10", "12a", "€12", "12 €", "²", "1/2", "--5", "5-", "- 5", "", "   ", ".", ",",
               "1 2", "12 34", "1,2,3", "1..5", "5,", "١e٥", "9" * 41]  # fmt: skip


@pytest.mark.parametrize("locale", ["en", "fr", "de", "es"])
@pytest.mark.parametrize("typed", NOT_NUMBERS)
def test_anything_but_a_plain_finite_number_is_refused(locale, typed):
    with pytest.raises(NumberError):
        parse_number(typed, locale)


@pytest.mark.parametrize("locale", ["fr", "de", "es"])
@pytest.mark.parametrize("typed", ["1.800", "12.500", "-0.250", "1 000.500"])
def test_one_dot_and_three_digits_is_ambiguous_where_the_comma_is_the_decimal(locale, typed):
    with pytest.raises(NumberError, match="could mean"):
        parse_number(typed, locale)


@pytest.mark.parametrize(
    "typed",
    ["1,80,000", "12,34,567", "0,800", "1.800,50", "1,800.50.2", "1,8000,000", "01,800"],
)
def test_english_refuses_commas_that_are_neither_groups_nor_a_decimal(typed):
    with pytest.raises(NumberError):
        parse_number(typed, "en")


@pytest.mark.parametrize("locale", ["fr", "de", "es"])
@pytest.mark.parametrize("typed", ["1,800.50", "1,5,0", "1 80,5", "1.80.0"])
def test_comma_decimal_locales_refuse_english_and_broken_groups(locale, typed):
    with pytest.raises(NumberError):
        parse_number(typed, locale)


@pytest.mark.parametrize(
    ("locale", "message"),
    [
        ("en", "Enter a number, such as 1,800.50."),
        ("fr", f"Saisissez un nombre, par exemple 1{NNBSP}800,50."),
        ("de", "Geben Sie eine Zahl ein, zum Beispiel 1.800,50."),
        ("es", "Introduzca un número, por ejemplo 1.800,50."),
    ],
)
def test_the_reason_is_in_the_readers_language_with_a_local_example(app, locale, message):
    with app.test_request_context(), force_locale(locale), pytest.raises(NumberError) as refused:
        parse_number("NaN", locale)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("locale", "message"),
    [
        ("fr", "« 1.800 » peut signifier 1800 ou 1,800\u00a0: saisissez-le sans le point"),
        ("de", "„1.800“ kann 1800 oder 1,800 bedeuten"),
        ("es", "«1.800» puede significar 1800 o 1,800"),
    ],
)
def test_the_ambiguity_is_explained_with_both_readings(app, locale, message):
    with app.test_request_context(), force_locale(locale), pytest.raises(NumberError) as refused:
        parse_number("1.800", locale)
    assert message in str(refused.value)


SHOWN = [
    ("en", "1800.5000", "1,800.50"),
    ("fr", "1800.5000", f"1{NNBSP}800,50"),
    ("de", "1800.5000", "1.800,50"),
    ("es", "1800.5000", "1.800,50"),
    ("de", "1800", "1800"),  # "1.800" would read back as ambiguous: no groups then
    ("es", "1800", "1800"),
    ("de", "1800000", "1.800.000"),
    ("fr", "1800", f"1{NNBSP}800"),
    ("en", "1800", "1,800"),
    ("fr", "1.23456", "1,23456"),  # never rounded
    ("fr", "20.0000", "20"),
    ("fr", "-2.5", "-2,50"),
    ("en", "0.0001", "0.0001"),
]


@pytest.mark.parametrize(("locale", "stored", "shown"), SHOWN)
def test_a_value_is_shown_the_local_way_and_reads_back_the_same(locale, stored, shown):
    assert format_number(Decimal(stored), locale) == shown
    assert parse_number(shown, locale) == Decimal(stored)


@pytest.mark.parametrize("locale", ["en", "fr", "de", "es"])
@pytest.mark.parametrize(
    "stored", ["0", "1", "999", "1000", "1800.5", "12345.678", "999999999.9999", "-1800", "0.001"]
)
def test_every_shown_value_reads_back_as_itself(locale, stored):
    assert parse_number(format_number(Decimal(stored), locale), locale) == Decimal(stored)
