"""The customers list: search as you type, filters, sorting, pages, CSV export."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest

from tests.factories import (
    make_customer,
    make_group,
    make_indexed_customer,
    make_user,
)


@pytest.fixture
def staff(client, ctx, login_as):
    login_as(make_user())


def companies(client, query: str = "", **params) -> list[str]:
    response = client.get(
        "/admin/customers", query_string={"q": query, **params}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    import re

    return re.findall(r'<a href="/admin/customers/\d+">([^<]+)</a>', body)


@pytest.fixture
def sample(staff):
    vip = make_group(name="VIP")
    make_indexed_customer(
        company="Boulangerie Martin SARL",
        vat_number="FR40303265045",
        phone="+33142685300",
        groups=[vip],
        contacts=[
            {
                "first_name": "Claire",
                "last_name": "Dupont",
                "email": "claire@boulangerie.example.com",
                "phone": "+33612345678",
            }
        ],
    )
    make_indexed_customer(
        company="Ville de Genève",
        active=False,
        contacts=[{"first_name": "Luc", "last_name": "Favre", "email": "luc@geneve.example.com"}],
    )
    make_indexed_customer(company="Acme Web Studio")
    return vip


@pytest.mark.parametrize(
    "query,expected",
    [
        ("boul", ["Boulangerie Martin SARL"]),
        ("MARTIN", ["Boulangerie Martin SARL"]),
        ("geneve", ["Ville de Genève"]),
        ("Genève", ["Ville de Genève"]),
        ("dupont", ["Boulangerie Martin SARL"]),
        ("claire@boulangerie.example.com", ["Boulangerie Martin SARL"]),
        ("luc@gen", ["Ville de Genève"]),
        ("FR40303265045", ["Boulangerie Martin SARL"]),
        ("40303265", ["Boulangerie Martin SARL"]),
        ("06 12 34", ["Boulangerie Martin SARL"]),
        ("+33 1 42 68", ["Boulangerie Martin SARL"]),
        ("web studio", ["Acme Web Studio"]),
        ("studio web", ["Acme Web Studio"]),
        ("nothing-like-this", []),
        ("%", []),
        ("_", []),
    ],
)
def test_search_by_word_prefix(client, sample, query, expected):
    assert companies(client, query) == expected


def test_filters_by_group_and_active(client, sample):
    assert companies(client, group=sample.id) == ["Boulangerie Martin SARL"]
    assert companies(client, active="0") == ["Ville de Genève"]
    assert companies(client, active="1") == ["Acme Web Studio", "Boulangerie Martin SARL"]


def test_sorting_from_an_allow_list(client, sample):
    assert companies(client, sort="-company") == [
        "Ville de Genève",
        "Boulangerie Martin SARL",
        "Acme Web Studio",
    ]
    assert companies(client, sort="company; drop table customers") == [
        "Acme Web Studio",
        "Boulangerie Martin SARL",
        "Ville de Genève",
    ]


def test_bad_parameters_are_ignored(client, sample):
    for params in [
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999"},
        {"group": "x"},
        {"active": "maybe"},
        {"q": "x" * 5000},
    ]:
        response = client.get("/admin/customers", query_string=params)
        assert response.status_code == 200, params


def test_pages_and_total_count(client, staff):
    for n in range(30):
        make_customer(company=f"Company {n:02d}")
    first = client.get("/admin/customers").get_data(as_text=True)
    assert "30 customers" in first and "Page 1 of 2" in first
    assert "Company 00" in first and "Company 25" not in first
    second = client.get("/admin/customers?page=2").get_data(as_text=True)
    assert "Company 25" in second and "Company 00" not in second


def test_url_keeps_the_state_and_htmx_gets_the_results_block(client, sample):
    page = client.get("/admin/customers?q=boul&active=1").get_data(as_text=True)
    assert 'value="boul"' in page and '<option value="1" selected>' in page
    fragment = client.get("/admin/customers?q=boul", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="results"') and "<html" not in body
    assert "HX-Request" in fragment.headers["Vary"]
    assert fragment.headers["HX-Push-Url"] == "/admin/customers?q=boul"
    assert 'hx-push-url="true"' in page


def test_list_shows_primary_contact_groups_and_switch(client, sample):
    body = client.get("/admin/customers").get_data(as_text=True)
    assert "Claire Dupont" in body and "claire@boulangerie.example.com" in body
    assert "+33 1 42 68 53 00" in body
    assert '<span class="tag">VIP</span>' in body
    assert re.search(r'role="switch" id="active-switch-\d+" aria-checked="false"', body)


def test_csv_export_has_every_filtered_row(client, staff):
    for n in range(60):
        make_customer(company=f"Export {n:02d}", active=n % 2 == 0)
    make_customer(company='=HYPERLINK("http://evil.example")')
    response = client.get("/admin/customers/export.csv?active=1")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "Company"
    assert len(rows) == 1 + 31  # 30 active + the formula one, beyond one page of 25
    assert [r[0] for r in rows if "HYPERLINK" in r[0]] == ['\'=HYPERLINK("http://evil.example")']


def test_a_row_shows_its_groups_by_name_its_day_in_the_readers_zone_and_its_state(
    client, ctx, login_as
):
    """Issue 21 reads the list's customers and groups as rows: each row still shows its groups
    in name order, the day it was created in the staff member's own time zone, and its switch."""
    login_as(make_user(timezone="Pacific/Auckland"))  # UTC+13 in January
    groups = [make_group(name=name) for name in ("Wholesale", "agency", "VIP")]
    late = datetime(2026, 1, 15, 23, 30, tzinfo=UTC)  # already the 16th in Auckland
    make_customer(company="Late Night Ltd", groups=groups, created_at=late, active=False)
    body = client.get("/admin/customers").get_data(as_text=True)
    row = re.search(r"<tr>\s*<td[^>]*><a [^>]*>Late Night Ltd</a>.*?</tr>", body, re.S).group(0)
    assert re.findall(r'<span class="tag">([^<]+)</span>', row) == ["agency", "VIP", "Wholesale"]
    created = re.search(r'<td data-label="Created">([^<]*)</td>', row).group(1)
    assert "16" in created and "15" not in created
    assert 'aria-checked="false"' in row and 'aria-label="Active: Late Night Ltd"' in row
