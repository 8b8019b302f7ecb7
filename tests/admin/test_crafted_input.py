"""Crafted requests get a clear answer, never a 500 (found by a review of the customers issue)."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Contact, Customer
from app.services.customers.search import reindex_customer
from tests.access import ACCESS
from tests.factories import make_admin, make_contact, make_customer, new_customer_form

HUGE = "9" * 25


@pytest.fixture
def admin(client, ctx, login_as):
    login_as(make_admin())


def test_search_with_many_words(client, admin):
    customer = make_customer(company="Boulangerie Martin SARL Lyon Est")
    reindex_customer(customer)
    db.session.commit()
    for query in ["Boulangerie Martin SARL", "boul mar sarl lyon est", "a b c d e f g h"]:
        response = client.get("/admin/customers", query_string={"q": query})
        assert response.status_code == 200, query
    body = client.get("/admin/customers?q=boul+mar+sarl+lyon").get_data(as_text=True)
    assert "1 customer" in body


@pytest.mark.parametrize(
    "params",
    [
        {"page": "²"},
        {"group": "²"},
        {"group": HUGE},
        {"group": str(2**31)},
        {"page": HUGE},
        {"page": "0"},
        {"sort": "company\x7f"},
    ],
)
def test_odd_list_parameters(client, admin, params):
    assert client.get("/admin/customers", query_string=params).status_code == 200
    assert client.get("/admin/customers/export.csv", query_string=params).status_code == 200


def test_huge_ids_are_404_on_every_route(app, client, admin):
    token = client.csrf_token("/admin/")
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule or ACCESS[rule.endpoint] not in {"staff", "admin"}:
            continue
        url = re.sub(r"<int:\w+>", HUGE, rule.rule)
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 404, url


@pytest.mark.parametrize("version", ["²", "9" * 30, "-1", "1.5"])
def test_odd_versions_are_a_conflict(client, admin, version):
    customer = make_customer(company="Acme")
    url = f"/admin/customers/{customer.id}"
    response = client.post_form(url, {"company": "Acme 2", "version": version}, token_from=url)
    assert response.status_code == 409


@pytest.mark.parametrize("website", ["http://[::1", "https://" + "a" * 70 + ".com", "ftp://x.com"])
def test_odd_websites_are_refused(client, admin, website):
    url = "/admin/customers/new"
    response = client.post_form(url, new_customer_form(website=website), token_from=url)
    assert response.status_code == 422
    assert 'id="website-error"' in response.get_data(as_text=True)


def test_nul_bytes_are_refused(client, admin):
    url = "/admin/customers/new"
    response = client.post_form(url, new_customer_form(company="Acme\x00"), token_from=url)
    assert response.status_code == 400
    assert client.get("/admin/customers?q=a%00b").status_code == 400
    assert db.session.scalars(select(Customer)).all() == []


def test_htmx_swaps_conflicts_and_validation_answers(client, admin):
    page = client.get("/admin/").get_data(as_text=True)
    assert '{"code":"409","swap":true}' in page and '{"code":"422","swap":true}' in page


def test_switching_active_is_not_an_edit_conflict(client, admin):
    customer = make_customer(company="Acme")
    url = f"/admin/customers/{customer.id}"
    token = client.csrf_token(url)
    client.post(f"{url}/active", data={"csrf_token": token, "active": "0"})
    response = client.post(
        url, data={"csrf_token": token, "company": "Acme Renamed", "version": "1"}
    )
    assert response.status_code == 303


def test_an_inactive_contact_cannot_be_made_primary(client, admin):
    customer = make_customer()
    primary, other = make_contact(customer), make_contact(customer, active=False)
    url = f"/admin/customers/{customer.id}/contacts/{other.id}/primary"
    client.post_form(url, {}, token_from="/admin/")
    db.session.expire_all()
    assert db.session.get(Contact, primary.id).is_primary
    assert not db.session.get(Contact, other.id).is_primary


def test_a_deleted_customers_id_is_never_reused(client, admin):
    first = make_customer(company="First")
    first_id = first.id
    db.session.delete(first)
    db.session.commit()
    assert make_customer(company="Second").id != first_id
