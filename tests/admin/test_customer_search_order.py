"""A common word's page sorted by company is read from its customers in the list's order (the
terms carry their customer's company_key): the same customers, order and counts as a plain
reading, wherever the word sorts in names (late words, prefixes of several words, two words,
Z to A, deep pages, "view own"), and the order follows renames, imports and erasures."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Contact, Customer, CustomerAdmin, CustomerSearchTerm
from app.services.customers.normalize import company_key
from app.services.customers.search import reindex_customer
from app.services.privacy.erase import erase_customer
from tests.admin.test_customer_search_plan import plain_words
from tests.factories import make_admin, make_user
from tests.imports.helpers import imported

HX = {"HX-Request": "true"}
FIRST = ["Alpha", "Beta", "Gamma", "Delta", "Omega"]
# Usually the second word: these sort late in the list's order. "fro" starts three of them,
# and some customers have two ("Fromage Froment"): each must be listed once.
SECOND = ["Zenith", "Fromagerie", "Froment", "Fromage Froment", "Nova"]


@pytest.fixture
def customers(ctx):
    rows = []
    for n in range(150):
        company = f"{FIRST[(n * 7) % 5]} {SECOND[n % 5]} {n:03d}"
        if n % 11 == 0:
            company = f"Zenith {company}"  # a few where the word comes first
        customer = Customer(company=company, company_key=company_key(company))
        last = "Nova" if n % 4 == 0 else "Lee"
        customer.contacts = [
            Contact(first_name="Ann", last_name=last, email=f"desk{n}@example.com", is_primary=True)
        ]
        db.session.add(customer)
        rows.append((customer, f"{company} Ann {last}"))
    db.session.flush()
    for customer, _ in rows:
        reindex_customer(customer)
    found = [{"id": c.id, "words": plain_words(text)} for c, text in rows]
    db.session.commit()
    return found


def expected(customers: list[dict], query: str, sort: str = "company") -> list[int]:
    """The ids of the customers whose words start with every word typed, in the list's order
    (read from the database now, so after a rename too)."""
    wanted = plain_words(query)
    found = {c["id"] for c in customers if all(any(w.startswith(q) for w in c["words"])
                                               for q in wanted)}  # fmt: skip
    keys = {i: key for i, key in db.session.execute(select(Customer.id, Customer.company_key))}
    ordered = sorted(found, key=lambda i: (keys[i], i))
    return ordered[::-1] if sort == "-company" else ordered


def listed(client, query: str, sort: str = "company") -> tuple[list[int], set[str]]:
    """The customer ids on every page of a search, following its Next links; each page's total."""
    url, ids, totals = f"/admin/customers?q={query.replace(' ', '+')}&sort={sort}", [], set()
    while url:
        body = client.get(url, headers=HX).get_data(as_text=True)
        ids += [int(i) for i in re.findall(r'<a href="/admin/customers/(\d+)">', body)]
        totals |= {t.strip() for t in re.findall(r'<p class="total">([^·<]+)', body)}
        found = re.search(r'<a rel="next" href="([^"]+)"', body)
        url = found.group(1).replace("&amp;", "&") if found else None
    return ids, totals


@pytest.fixture
def capped(app):
    """A cap of 8 matches, so a common word here is read page by page as at a million."""
    app.config["CUSTOMER_SEARCH_CAP"] = 8
    yield
    del app.config["CUSTOMER_SEARCH_CAP"]


QUERIES = ["zenith", "fro", "from", "froment", "fromage", "zenith nova", "nova fro", "nov", "z"]


@pytest.mark.parametrize("sort", ["company", "-company"])
def test_pages_past_the_cap_list_what_a_plain_reading_finds(
    client, login_as, customers, capped, sort
):
    login_as(make_admin())
    for query in QUERIES:  # one set of customers for all (building it is most of the time)
        want = expected(customers, query, sort)
        ids, totals = listed(client, query, sort)
        assert ids == want, query  # every match, once, in order, through the Next links
        assert len(want) > 8 and totals == {"more than 8 customers"}, query


@pytest.mark.parametrize("sort", ["company", "-company"])
def test_a_deep_page_typed_in_the_address_bar(client, login_as, customers, capped, sort):
    login_as(make_admin())
    want = expected(customers, "zenith", sort)
    body = client.get(f"/admin/customers?q=zenith&sort={sort}&page=2", headers=HX)
    ids = [int(i) for i in re.findall(r'<a href="/admin/customers/(\d+)">', body.get_data(True))]
    assert ids == want[25:50]


def test_a_view_own_member_pages_through_their_customers_only(client, login_as, customers, capped):
    member = make_user(role="sales")
    mine = [c for c in customers if "zenith" in c["words"]][::2]
    for row in mine:
        db.session.add(CustomerAdmin(customer_id=row["id"], user_id=member.id))
    db.session.commit()
    login_as(member)
    assert listed(client, "zenith")[0] == expected(mine, "zenith")
    assert listed(client, "fro")[0] == expected(mine, "fro")


def test_a_renamed_customer_moves_to_its_new_place(client, login_as, customers, capped):
    login_as(make_admin())
    first = expected(customers, "zenith")[0]
    customer = db.session.get(Customer, first)
    url = f"/admin/customers/{first}"
    answer = client.post_form(
        url, {"company": "Zz Zenith Last", "version": str(customer.version)}, token_from=url
    )
    assert answer.status_code == 303
    ids, _ = listed(client, "zenith")
    assert ids[-1] == first and ids == expected(customers, "zenith")
    assert listed(client, "zenith", "-company")[0][0] == first
    keys = db.session.scalars(
        select(CustomerSearchTerm.company_key).where(CustomerSearchTerm.customer_id == first)
    )
    assert set(keys) == {"zz zenith last"}


def test_imported_customers_are_listed_in_their_place(client, login_as, customers, capped):
    admin = make_admin()
    imp = imported(
        [
            [
                "Aaa Zenith Import",
                "FR40303265045",
                "FR",
                "",
                "Ann",
                "Lee",
                "ann@zenith.example",
                "X1",
            ]
        ],
        admin,
    )
    assert (imp.status, imp.created, imp.refused) == ("done", 1, 0)
    login_as(admin)
    new = db.session.scalar(select(Customer.id).where(Customer.company == "Aaa Zenith Import"))
    ids, _ = listed(client, "zenith")
    assert ids[0] == new and len(ids) == len(expected(customers, "zenith")) + 1


def test_an_erased_customer_is_listed_under_its_new_name(client, login_as, customers, capped):
    admin = make_admin()
    login_as(admin)
    first = expected(customers, "zenith")[0]
    erase_customer(db.session.get(Customer, first), admin)
    db.session.commit()
    ids, _ = listed(client, "zenith")
    assert ids == [i for i in expected(customers, "zenith") if i != first]
    keys = db.session.scalars(
        select(CustomerSearchTerm.company_key).where(CustomerSearchTerm.customer_id == first)
    )
    assert set(keys) == {db.session.get(Customer, first).company_key}


@pytest.mark.parametrize("query", ["zenith", "fro", "zenith nova"])
def test_the_customer_chooser_offers_the_first_active_matches(
    client, login_as, customers, capped, query
):
    login_as(make_admin())
    asleep = expected(customers, query)[1:4]  # inactive customers are not offered
    for customer_id in asleep:
        db.session.get(Customer, customer_id).active = False
    db.session.commit()
    body = client.get("/admin/invoices/new", query_string={"q": query}, headers=HX)
    offered = [int(i) for i in re.findall(r"customer=(\d+)", body.get_data(as_text=True))]
    assert offered == [i for i in expected(customers, query) if i not in asleep][:10]
