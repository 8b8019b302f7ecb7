"""The invoice list's search: a number by its beginning, whatever its last character, and a
customer by its words, the same rows on SQLite and PostgreSQL (PostgreSQL plans it apart)."""

import re

import pytest

from app.extensions import db
from app.services.customers.search import reindex_customer
from tests.factories import make_admin, make_customer, make_document

NUMBERS = ["INV-0123", "INV-01234", "INV-0124", "INV-012", "INV-Z9", "INVZ-1", "AB-", "AB-1",
           "ABC", "FACTÉ-7", "FACTE-8", "ZETA-1", "Z-5"]  # fmt: skip


@pytest.fixture
def admin(client, ctx, login_as):
    user = make_admin()
    login_as(user)
    return user


@pytest.fixture
def invoices(admin):
    other = make_customer(company="Atelier Nord")
    for number in NUMBERS:
        invoice = make_document(other, status="unpaid")
        invoice.number = number
    zeta = make_customer(company="Zeta Works")
    reindex_customer(zeta)
    reindex_customer(other)
    make_document(zeta, status="unpaid").number = "OTHER-1"
    db.session.commit()


def found(client, q: str) -> set[str]:
    body = client.get("/admin/invoices", query_string={"q": q}).get_data(as_text=True)
    shown = set(re.findall(r"\b[A-ZÉ]+-[0-9A-Z]*|\bABC\b", body))
    return shown & set(NUMBERS + ["OTHER-1"])


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("INV-0123", {"INV-0123", "INV-01234"}),  # ends in a digit
        ("inv-012", {"INV-012", "INV-0123", "INV-01234", "INV-0124"}),  # typed in lower case
        ("INV-", {"INV-0123", "INV-01234", "INV-0124", "INV-012", "INV-Z9"}),  # ends in '-'
        ("inv-z", {"INV-Z9"}),  # ends in 'z'
        ("AB-", {"AB-", "AB-1"}),
        ("ab", {"AB-", "AB-1", "ABC"}),
        ("facté", {"FACTÉ-7"}),  # non-ASCII, never the unaccented one
        ("FACTE", {"FACTE-8"}),
        ("INV-01235", set()),
    ],
)
def test_a_number_is_found_by_its_beginning(client, invoices, q, expected):
    assert found(client, q) == expected


def test_a_customer_word_and_a_number_are_both_found(client, invoices):
    assert found(client, "zeta") == {"ZETA-1", "OTHER-1"}  # the number, and Zeta Works' invoice
    assert found(client, "zeta works") == {"OTHER-1"}
    assert found(client, "atelier") == set(NUMBERS)
