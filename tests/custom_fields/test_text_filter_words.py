"""The customer list's text filter finds the values with a word starting with each word typed,
case and accents ignored, from the words written with the values (custom_field_terms): the
same results on SQLite and PostgreSQL (this module runs on both with the same expectations),
kept when a value changes or its customer or field is deleted, in a fixed number of queries."""

from urllib.parse import quote

import pytest
from sqlalchemy import event, func, select

from app.extensions import db
from app.models import CustomFieldTerm
from tests.factories import make_admin, make_custom_field, make_customer

VALUES = {
    "Alpha Atelier": "Genève Lac-Léman",
    "Beta Bakery": "ÉCOLE des Beaux-Arts",
    "Gamma Garage": "https://www.Example.com/Über_uns",
    "Delta Dairy": "Straße 50% off",
    "Epsilon Eng": "Lacquer works\nsecond line",
}


def profile(client, customer, text: str):
    url = f"/admin/customers/{customer.id}"
    db.session.refresh(customer)  # its version after the last save
    form = {"company": customer.company, "version": str(customer.version), "cf_code": text}
    return client.post_form(url, form, token_from=url)


@pytest.fixture
def coded(client, ctx, login_as):
    """Five customers whose "code" (a long text field) was typed on their profile."""
    login_as(make_admin())
    make_custom_field("code", "long_text", in_lists=True)
    customers = {name: make_customer(company=name) for name in VALUES}
    for name, customer in customers.items():
        assert profile(client, customer, VALUES[name]).status_code == 303
    return customers


def found(client, typed: str) -> list[str]:
    page = client.get(f"/admin/customers?cf_code={quote(typed)}").get_data(as_text=True)
    return [name for name in VALUES if name in page]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("geneve", ["Alpha Atelier"]),  # accents ignored both ways
        ("GENÈVE", ["Alpha Atelier"]),
        ("lac", ["Alpha Atelier", "Epsilon Eng"]),  # "Lac-Léman" and "Lacquer"
        ("leman", ["Alpha Atelier"]),  # a word inside a hyphenated one
        ("lac-lem", ["Alpha Atelier"]),
        ("man", []),  # the middle of a word is not a word start
        ("ecole beaux", ["Beta Bakery"]),  # each word typed, in any order
        ("beaux ecole", ["Beta Bakery"]),
        ("ecole lac", []),
        ("example", ["Gamma Garage"]),  # a link's parts
        ("uber", ["Gamma Garage"]),
        ("strasse", ["Delta Dairy"]),  # ß folds to ss
        ("50%", ["Delta Dairy"]),  # % is a character, not a wildcard
        ("%", []),  # only punctuation: nothing
        ("second", ["Epsilon Eng"]),  # any line of a long text
        ("zzz", []),
    ],
)
def test_a_text_filter_finds_word_starts(client, coded, typed, expected):
    assert found(client, typed) == expected


def test_a_changed_value_is_found_by_its_new_words_only(client, coded):
    assert profile(client, coded["Alpha Atelier"], "Zürich").status_code == 303
    assert found(client, "geneve") == []
    assert found(client, "zurich") == ["Alpha Atelier"]
    assert profile(client, coded["Alpha Atelier"], "").status_code == 303
    assert found(client, "zurich") == []
    customer_id = coded["Alpha Atelier"].id
    assert not db.session.scalar(
        select(func.count()).where(CustomFieldTerm.record_id == customer_id)
    )


def test_a_deleted_customer_or_field_leaves_no_words(client, coded):
    customer = coded["Beta Bakery"]
    url = f"/admin/customers/{customer.id}/delete"
    assert client.post_form(url, {}, token_from=url).status_code == 303
    terms = select(func.count()).select_from(CustomFieldTerm)
    assert not db.session.scalar(terms.where(CustomFieldTerm.record_id == customer.id))
    assert db.session.scalar(terms)  # the others keep theirs
    field_id = db.session.scalar(select(CustomFieldTerm.field_id).limit(1))
    url = f"/admin/settings/custom-fields/{field_id}/delete"
    assert client.post_form(url, {}, token_from=url).status_code == 303
    assert not db.session.scalar(terms)


def test_the_filter_takes_as_many_queries_for_one_match_as_for_many(app, client, coded):
    statements = []

    def record(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    counts = []
    event.listen(engine, "before_cursor_execute", record)
    try:
        for typed in ("geneve", "lac", "ecole beaux", "e"):  # 1, 2, 1 and 2 rows
            found(client, typed)
            statements.clear()
            found(client, typed)
            counts.append(len(statements))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(set(counts)) == 1, counts
