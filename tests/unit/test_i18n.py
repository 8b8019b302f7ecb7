"""Babel formats money and dates in the active locale."""

from decimal import Decimal

import pytest
from flask_babel import force_locale

from app.i18n import money


@pytest.mark.parametrize(
    "locale,expected",
    [
        ("fr", "1\u202f234,50\u00a0€"),
        ("de", "1.234,50\u00a0€"),
        ("es", "1.234,50\u00a0€"),
        ("en", "€1,234.50"),
    ],
)
def test_money_in_each_shipped_language(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        assert money(Decimal("1234.5"), "EUR") == expected


def test_money_uses_the_documents_currency(app):
    with app.test_request_context(), force_locale("fr"):
        assert money(Decimal("1234.5"), "USD") == "1\u202f234,50\u00a0$US"
        assert money(Decimal("1234"), "JPY") == "1\u202f234\u00a0JPY"


def test_adding_a_language_is_only_files_under_translations(app):
    from app.config import discover_languages

    assert discover_languages() == (
        "en", "ar", "de", "es", "fr", "it", "nl", "pl", "pt_BR", "tr", "zh",
    )  # fmt: skip
    assert app.config["LANGUAGES"] == discover_languages()
