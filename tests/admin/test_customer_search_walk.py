"""Several common words are searched by walking their customers in name order together: the
same customers, order and counts as a plain reading, whether the words' shared customers sit
side by side in the list or are scattered, with a word starting several terms, filters, Z to A,
deep pages, "view own", and the count said exactly below the cap and as "more than" above."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Contact, Customer, CustomerAdmin, CustomerGroup
from app.services.customers.normalize import company_key
from app.services.customers.search import reindex_customer
from tests.admin.test_customer_search_order import listed
from tests.admin.test_customer_search_plan import plain_words
from tests.factories import make_admin, make_user

HX = {"HX-Request": "true"}
WORDS = ["Alpha", "Nova", "Zenith", "Garage", "Pixel"]
PEOPLE = ["Claire", "Hugo", "Maya"]


@pytest.fixture
def customers(ctx):
    """200 customers named "<word> <word> <n>" (so "alpha nova" customers sit side by side in
    the list), each with two contacts whose first names are scattered across the list."""
    rows, group = [], CustomerGroup(name="Walked")
    db.session.add(group)
    for n in range(200):
        company = f"{WORDS[n % 5]} {WORDS[(n // 5) % 5]} {n:03d}"
        customer = Customer(company=company, company_key=company_key(company))
        people = [PEOPLE[n % 3], PEOPLE[(n // 3) % 3]]
        customer.contacts = [
            Contact(first_name=name, last_name="Lee", email=f"desk{n}.{i}@example.com",
                    is_primary=i == 0)
            for i, name in enumerate(people)
        ]  # fmt: skip
        if n % 2:
            customer.groups = [group]
        db.session.add(customer)
        rows.append((customer, f"{company} {' '.join(people)} Lee desk{n} example com", n % 2))
    db.session.flush()
    for customer, _, _ in rows:
        reindex_customer(customer)
    found = [{"id": c.id, "words": plain_words(text), "odd": odd} for c, text, odd in rows]
    db.session.commit()
    return found


def expected(customers: list[dict], query: str, sort: str = "company") -> list[int]:
    """The ids of the customers whose words start with every word typed, in the list's order."""
    wanted = plain_words(query)
    found = {c["id"] for c in customers if all(any(w.startswith(q) for w in c["words"])
                                               for q in wanted)}  # fmt: skip
    keys = dict(db.session.execute(select(Customer.id, Customer.company_key)).all())
    ordered = sorted(found, key=lambda i: (keys[i], i))
    return ordered[::-1] if sort == "-company" else ordered


@pytest.fixture
def cap(app):
    """A cap of 10 matches: every search here is of common words, read as at a million."""
    app.config["CUSTOMER_SEARCH_CAP"] = 10
    yield 10
    del app.config["CUSTOMER_SEARCH_CAP"]


# side by side; scattered (two contacts' names); a name and a company word; three words;
# prefixes; with a word starting several terms (desk1, desk10…: checked per customer); a word
# typed twice
QUERIES = ["alpha nova", "claire hugo", "maya zenith", "alpha nova claire", "nova z", "pix gar",
           "claire hugo desk1", "claire claire", "alpha alpha"]  # fmt: skip


# Every query against one set of customers (building it is most of the time), each checked.
@pytest.mark.parametrize("sort", ["company", "-company"])
def test_several_common_words_list_what_a_plain_reading_finds(
    client, login_as, customers, cap, sort
):
    login_as(make_admin())
    for query in QUERIES:
        want = expected(customers, query, sort)
        ids, totals = listed(client, query, sort)
        assert ids == want, query  # each customer with every word, once, in order
        count = f"{len(want)} customer{'s' if len(want) != 1 else ''}"
        assert totals == ({"more than 10 customers"} if len(want) > 10 else {count}), query


def test_a_customer_with_only_some_of_the_words_is_not_listed(client, login_as, customers, cap):
    login_as(make_admin())
    ids, _ = listed(client, "alpha nova")
    only_alpha = [c["id"] for c in customers if "alpha" in c["words"] and "nova" not in c["words"]]
    assert ids and only_alpha and not set(ids) & set(only_alpha)


def test_below_the_cap_the_count_is_exact(app, client, login_as, customers):
    login_as(make_admin())
    want = expected(customers, "alpha nova")
    app.config["CUSTOMER_SEARCH_CAP"] = len(want)  # every match counted, none more
    try:
        ids, totals = listed(client, "alpha nova")
    finally:
        del app.config["CUSTOMER_SEARCH_CAP"]
    assert ids == want and totals == {f"{len(want)} customers"}


@pytest.mark.parametrize("sort", ["company", "-company"])
def test_a_deep_page_and_a_filter(client, login_as, customers, app, sort):
    login_as(make_admin())
    app.config["CUSTOMER_SEARCH_CAP"] = 3
    group = db.session.scalar(select(CustomerGroup.id).where(CustomerGroup.name == "Walked"))
    try:
        for query in ["claire hugo", "maya zenith"]:
            url = f"/admin/customers?q={query}&sort={sort}&page=2"
            page = client.get(url, headers=HX).get_data(as_text=True)
            grouped, _ = listed(client, f"{query}&group={group}", sort)
            want = expected(customers, query, sort)
            assert len(want) > 30
            shown = [int(i) for i in re.findall(r'<a href="/admin/customers/(\d+)">', page)]
            assert shown == want[25:50], query
            assert grouped == expected([c for c in customers if c["odd"]], query, sort), query
    finally:
        del app.config["CUSTOMER_SEARCH_CAP"]


@pytest.mark.parametrize("query", ["alpha nova", "claire hugo"])
def test_a_view_own_member_finds_only_their_customers(client, login_as, customers, cap, query):
    member = make_user(role="sales")
    shared = expected(customers, query)
    mine = [c for c in customers if c["id"] in shared[::3]]
    mine += [c for c in customers if c["id"] not in shared][:5]  # without every word
    for row in mine:
        db.session.add(CustomerAdmin(customer_id=row["id"], user_id=member.id))
    db.session.commit()
    login_as(member)
    ids, totals = listed(client, query)
    want = expected(mine, query)
    assert ids == want
    assert totals == ({"more than 10 customers"} if len(want) > 10 else {f"{len(want)} customers"})
