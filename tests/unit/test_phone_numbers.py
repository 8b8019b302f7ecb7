"""Phone numbers are read once per value (normalize_phone remembers what it parsed), yet each
refusal is worded in the language of whoever typed it."""

import pytest
from flask_babel import force_locale

from app.services import ValidationError
from app.services.customers.normalize import normalize_phone


def refusal(raw: str, country: str, locale: str) -> str:
    with force_locale(locale), pytest.raises(ValidationError) as caught:
        normalize_phone(raw, country, field="contact_phone")
    assert caught.value.field == "contact_phone"
    return caught.value.message


def test_the_same_number_is_read_the_same_every_time(app):
    with app.test_request_context():
        assert normalize_phone(" 01 42 68 53 00 ", "fr") == "+33142685300"
        assert normalize_phone("01 42 68 53 00", "FR") == "+33142685300"
        assert normalize_phone("+44 20 7946 0958", None) == "+442079460958"
        assert normalize_phone("  ", "FR") is None


def test_a_remembered_refusal_speaks_each_asker_s_language(app):
    with app.test_request_context():
        assert refusal("12", "", "fr").startswith("Saisissez le numéro avec l'indicatif")
        assert refusal("12", "", "en").startswith("Enter the number with its country code")
        assert refusal("+33 12 34", "FR", "en") == "This phone number is not valid."
        assert refusal("+33 12 34", "FR", "fr") != "This phone number is not valid."
