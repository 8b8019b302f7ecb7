"""Emails, phone and VAT numbers are isolated left to right in the pages (`|ltr`), and the arrow
between two values (old → new, start → end) points the way the page reads."""

import pytest
from flask import render_template_string
from flask_babel import force_locale

from tests.factories import make_admin, make_customer


@pytest.mark.parametrize(
    "source,expected",
    [
        ("{{ '+33 1 42 68 53 00'|ltr }}", '<bdi dir="ltr">+33 1 42 68 53 00</bdi>'),
        (
            "{{ '<b>a@example.com</b>'|ltr }}",
            '<bdi dir="ltr">&lt;b&gt;a@example.com&lt;/b&gt;</bdi>',
        ),
        ("{{ none|ltr or '—' }}", "—"),
        ("{{ ''|ltr or '—' }}", "—"),
    ],
)
def test_a_value_is_isolated_left_to_right_and_escaped(app, source, expected):
    with app.test_request_context():
        assert render_template_string(source) == expected


@pytest.mark.parametrize(
    "language,arrow,direction",
    [("en", "→", "ltr"), ("fr", "→", "ltr"), ("de", "→", "ltr"), ("es", "→", "ltr"),
     ("ar", "←", "rtl"), ("he", "←", "rtl")],
)  # fmt: skip
def test_the_arrow_follows_the_reading_direction(app, language, arrow, direction):
    with app.test_request_context(), force_locale(language):
        assert render_template_string("{{ forward_arrow() }} {{ text_direction() }}") == (
            f"{arrow} {direction}"
        )


def test_the_customer_page_keeps_the_phone_number_left_to_right(login_as, ctx):
    customer = make_customer(phone="+33142685300")
    page = login_as(make_admin()).get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert '<bdi dir="ltr">+33 1 42 68 53 00</bdi>' in page


@pytest.mark.parametrize(
    "language,expected",
    [("en", "a@example.com"), ("fr", "a@example.com"), ("de", "a@example.com"),
     ("es", "a@example.com"), ("ar", "\u2066a@example.com\u2069")],
)  # fmt: skip
def test_plain_text_values_are_isolated_only_on_right_to_left_pages(app, language, expected):
    """A <select> option cannot hold <bdi>: Unicode isolates do its work there."""
    from app.i18n import left_to_right_text

    with app.test_request_context(), force_locale(language):
        assert left_to_right_text("a@example.com") == expected
