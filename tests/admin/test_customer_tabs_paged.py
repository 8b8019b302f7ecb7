"""Every tab of a customer's page shows its rows a page at a time, with the shared pager."""

import pytest

from app.extensions import db
from app.services import lists
from app.services.customers.activity import log_activity
from tests.factories import (
    make_admin,
    make_contact,
    make_contract,
    make_customer,
    make_document,
    make_project,
    make_ticket,
)

NAMES = ("Alpha", "Bravo", "Charlie")


def assert_paged(client, url: str, names) -> None:
    """Two rows on page 1, the third on page 2 (also as the htmx results fragment)."""
    first = client.get(url).get_data(as_text=True)
    second = client.get(f"{url}?page=2", headers={"HX-Request": "true"}).get_data(as_text=True)
    on_first = {n for n in names if n in first}
    assert "Page 1 of 2" in first and len(on_first) == 2, url
    assert "Page 2 of 2" in second and "<html" not in second, url
    assert {n for n in names if n in second} == set(names) - on_first, url


@pytest.fixture
def customer(client, ctx, login_as, monkeypatch):
    monkeypatch.setitem(lists.PAGE_SIZES, "customer_tab", 2)
    monkeypatch.setitem(lists.PAGE_SIZES, "activity", 2)
    login_as(make_admin())
    return make_customer(company="Paged Ltd")


def test_contacts_tab_pages(client, customer):
    for name in NAMES:
        make_contact(customer, first_name=name)
    assert_paged(client, f"/admin/customers/{customer.id}/contacts", NAMES)


@pytest.mark.parametrize("kind", ["invoice", "estimate", "proposal"])
def test_document_tabs_page(client, customer, kind):
    numbers = [make_document(customer, kind=kind, status="sent").number for _ in NAMES]
    assert_paged(client, f"/admin/customers/{customer.id}/{kind}s", numbers)


def test_contracts_tab_pages(client, customer):
    for name in NAMES:
        make_contract(customer, subject=name)
    assert_paged(client, f"/admin/customers/{customer.id}/contracts", NAMES)


def test_tickets_tab_pages(client, customer):
    contact = make_contact(customer, first_name="Zed")
    for name in NAMES:
        make_ticket(contact, subject=name)
    assert_paged(client, f"/admin/customers/{customer.id}/tickets", NAMES)


def test_projects_tab_pages(client, customer):
    for name in NAMES:
        make_project(customer, name=name)
    assert_paged(client, f"/admin/customers/{customer.id}/projects", NAMES)


def test_activity_tab_pages_newest_first(client, customer):
    for name in NAMES:
        log_activity(customer, None, "customer.updated", subject=name)
    db.session.commit()
    url = f"/admin/customers/{customer.id}/activity"
    assert_paged(client, url, NAMES)
    assert "Alpha" in client.get(f"{url}?page=2").get_data(as_text=True)  # the oldest
