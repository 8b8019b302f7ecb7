"""Every list of the portal shows the contact's rows a page at a time, with the shared pager."""

import pytest

from app.services import lists
from tests.admin.test_customer_tabs_paged import NAMES, assert_paged
from tests.factories import (
    make_contact,
    make_contract,
    make_customer,
    make_document,
    make_project,
    make_ticket,
)


@pytest.fixture
def contact(client, ctx, login_as, monkeypatch):
    monkeypatch.setitem(lists.PAGE_SIZES, "portal", 2)
    person = make_contact(make_customer(company="Paged Ltd"))
    login_as(person)
    return person


@pytest.mark.parametrize("kind,status", [("invoice", "unpaid"), ("estimate", "sent"),
                                         ("proposal", "sent")])  # fmt: skip
def test_document_lists_page(client, contact, kind, status):
    numbers = [make_document(contact.customer, kind=kind, status=status).number for _ in NAMES]
    make_document(make_customer(company="Other"), kind=kind, status=status)  # never shown
    assert_paged(client, f"/clients/{kind}s", numbers)


def test_contracts_page(client, contact):
    for name in NAMES:
        make_contract(contact.customer, subject=name)
    assert_paged(client, "/clients/contracts", NAMES)


def test_tickets_page(client, contact):
    for name in NAMES:
        make_ticket(contact, subject=name)
    make_ticket(make_contact(make_customer(company="Other")), subject="Delta")
    assert_paged(client, "/clients/tickets", NAMES)


def test_projects_page(client, contact):
    for name in NAMES:
        make_project(contact.customer, name=name)
    make_project(make_customer(company="Other"), name="Delta")
    assert_paged(client, "/clients/projects", NAMES)
