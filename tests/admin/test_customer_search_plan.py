"""The customer search finds exactly what a plain reading of every customer finds, whichever word
it starts from (a rare one, or one most customers share), counts up to its cap ("more than …")
and pages on past the cap while rows remain; a "view own" member only searches their customers."""

import re
import unicodedata

import pytest

from app.extensions import db
from app.models import Contact, Customer, CustomerAdmin
from app.services.customers.normalize import company_key
from app.services.customers.search import reindex_customer
from tests.factories import make_admin, make_user

HX = {"HX-Request": "true"}
FIRST = ["Zoé", "Hélène", "Jürgen", "Ana", "Marc", "Marcel"]
LAST = ["Müller", "Dupont", "Martin", "Martinez", "Leclerc"]
PLACES = ["Genève", "Lyon", "Crème", "Café", "Marché", "Garçon"]


def plain_words(text: str) -> list[str]:
    """Words as a reader sees them: accents and case dropped, split on anything but letters."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.findall(r"[^\W_]+", text)


def expected(customers: list[dict], query: str) -> list[str]:
    """The companies whose words start with every word of `query`, in the list's order."""
    wanted = plain_words(query)
    found = [c for c in customers if all(any(w.startswith(q) for w in c["words"]) for q in wanted)]
    return [c["company"] for c in sorted(found, key=lambda c: (c["key"], c["id"]))]


@pytest.fixture
def customers(ctx):
    """240 customers: "Omega" in most names, "Quokka" in two, accented places and contacts
    whose names share prefixes (Marc, Marcel, Martin, Martinez, Marché)."""
    rows = []
    for n in range(240):
        rare = " Quokka" if n in (5, 200) else ""
        company = f"{'Omega ' if n % 7 else ''}{PLACES[n % 6]} {n:03d}{rare}"
        customer = Customer(company=company, company_key=company_key(company))
        first, last = FIRST[n % 6], LAST[(n // 6) % 5]
        email = f"desk{n}@example.com"
        customer.contacts = [
            Contact(first_name=first, last_name=last, email=email, is_primary=True)
        ]
        db.session.add(customer)
        rows.append((customer, f"{company} {first} {last} {email}"))
    db.session.flush()
    for customer, _ in rows:
        reindex_customer(customer)
    db.session.commit()
    return [
        {"id": c.id, "company": c.company, "key": c.company_key, "words": plain_words(text)}
        for c, text in rows
    ]


def read_all_pages(client, query: str) -> tuple[list[str], list[str]]:
    """The companies on every page of a search, following its Next links; each page's total."""
    url, companies, totals = f"/admin/customers?q={query}", [], []
    while url:
        body = client.get(url, headers=HX).get_data(as_text=True)
        companies += re.findall(r'<a href="/admin/customers/\d+">([^<]+)</a>', body)
        totals += re.findall(r'<p class="total">([^·<]+)', body)
        found = re.search(r'<a rel="next" href="([^"]+)"', body)
        url = found.group(1).replace("&amp;", "&") if found else None
    return companies, [t.strip() for t in totals]


QUERIES = [
    "omega",  # most customers
    "quokka",  # two
    "omega quokka",  # a common word and a rare one, in any order
    "quokka OMEGA",
    "geneve",  # accents typed or not
    "Genève omega",
    "CRÈME",
    "marc",  # a prefix of Marc, Marcel, Marché
    "marce",
    "mart omega",
    "garcon mü",
    "omega 1",  # a prefix of the numbers
    "omega lyon 01",
    "zzz",  # nothing
    "omega zzz",
]


def test_search_finds_what_a_plain_reading_finds(client, login_as, customers):
    login_as(make_admin())
    for query in QUERIES:  # one set of customers for all (building it is most of the time)
        want = expected(customers, query)
        companies, totals = read_all_pages(client, query.replace(" ", "+"))
        assert companies == want, query
        assert set(totals) == {f"{len(want)} customer{'s' if len(want) != 1 else ''}"}, query


def test_past_the_cap_the_count_stops_and_pages_go_on(app, client, login_as, customers):
    login_as(make_admin())
    app.config["CUSTOMER_SEARCH_CAP"] = 30
    try:
        for query in ["omega", "omega lyon", "omega lyon 1", "marc", "quokka omega"]:
            capped_pages_go_on(client, expected(customers, query), query)
    finally:
        del app.config["CUSTOMER_SEARCH_CAP"]


def capped_pages_go_on(client, want: list[str], query: str) -> None:
    """With a cap of 30: every match through the Next links, then the count said as capped."""
    last_page = -(-len(want) // 25)
    companies, totals = read_all_pages(client, query.replace(" ", "+"))
    last = client.get(f"/admin/customers?q={query}&page={last_page}", headers=HX)
    beyond = client.get(f"/admin/customers?q={query}&page=99", headers=HX)
    assert companies == want, query  # every match, once, in order, through the Next links
    if len(want) > 30:
        assert set(totals) == {"more than 30 customers"}, query
        last = last.get_data(as_text=True)
        assert f"<span>Page {last_page}</span>" in last and 'rel="next"' not in last, query
        # Past the end, as in every list: the last page, now with its exact count.
        assert f"Page {last_page} of {last_page}" in beyond.get_data(as_text=True), query
        assert f"{len(want)} customers" in beyond.get_data(as_text=True), query
    else:
        assert set(totals) == {f"{len(want)} customer{'s' if len(want) != 1 else ''}"}, query


def test_the_capped_count_is_said_in_the_staff_members_language(app, client, login_as, customers):
    login_as(make_admin(language="fr"))
    app.config["CUSTOMER_SEARCH_CAP"] = 30
    try:
        body = client.get("/admin/customers?q=omega", headers=HX).get_data(as_text=True)
    finally:
        del app.config["CUSTOMER_SEARCH_CAP"]
    assert "plus de 30 clients" in body
    assert "Page 1<" in body and "Suivant" in body


@pytest.mark.parametrize("cap", [1000, 3])
def test_a_view_own_member_searches_only_their_customers(app, client, login_as, customers, cap):
    member = make_user(role="sales")
    mine = [c for c in customers if c["company"].startswith("Omega Lyon")][:4]
    for row in mine:
        db.session.add(CustomerAdmin(customer_id=row["id"], user_id=member.id))
    db.session.commit()
    login_as(member)
    app.config["CUSTOMER_SEARCH_CAP"] = cap
    try:
        companies, _ = read_all_pages(client, "omega")
    finally:
        del app.config["CUSTOMER_SEARCH_CAP"]
    assert companies == expected(mine, "omega")
