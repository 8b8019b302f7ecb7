"""Every list reads its query string leniently: odd page numbers, unknown filter values and
sorts never break the page; they fall back to what the list shows without them."""

import pytest

from app.extensions import db
from app.models import Project, Ticket
from tests.factories import make_admin, make_contact, make_contract, make_customer, make_document

BAD_PAGES = ("99999999999999999999", "-1", "0", "abc", "²", "1.5", "")
UNKNOWN = ("status=bogus&priority=urgent!&type=abc&customer=x&department=-1&assigned=²"
           "&group=abc&active=maybe&from=nope&to=2026-13-45&since=yesterday&sort=nope")  # fmt: skip


@pytest.fixture
def one_of_each(ctx, login_as):
    """One row in every list, all of one customer, and staff signed in; returns the markers."""
    customer = make_customer(company="Acme Listing")
    contact = make_contact(customer)
    invoice = make_document(customer, kind="invoice", status="unpaid")
    estimate = make_document(customer, kind="estimate", status="sent")
    proposal = make_document(customer, kind="proposal", status="sent")
    db.session.add(Ticket(customer=customer, contact=contact, subject="Printer on fire"))
    db.session.add(Project(customer=customer, name="Website redesign"))
    make_contract(customer, subject="Hosting deal")
    login_as(make_admin())
    return {
        "/admin/customers": "Acme Listing",
        "/admin/sales": invoice.number,
        "/admin/invoices": invoice.number,
        "/admin/estimates": estimate.number,
        "/admin/proposals": proposal.number,
        "/admin/tickets": "Printer on fire",
        "/admin/contracts": "Hosting deal",
        "/admin/projects": "Website redesign",
        f"/admin/customers/{customer.id}/invoices": invoice.number,
        f"/admin/customers/{customer.id}/tickets": "Printer on fire",
        f"/admin/customers/{customer.id}/contracts": "Hosting deal",
        f"/admin/customers/{customer.id}/projects": "Website redesign",
    }


def test_any_page_number_shows_a_page_of_the_list(client, one_of_each):
    for url, marker in one_of_each.items():
        for page in BAD_PAGES:
            response = client.get(f"{url}?page={page}")
            assert response.status_code == 200, (url, page)
            assert marker in response.get_data(as_text=True), (url, page)


def test_a_page_past_the_end_shows_the_last_page(client, ctx, login_as):
    customer = make_customer()
    documents = [make_document(customer, status="unpaid") for _ in range(101)]
    login_as(make_admin())
    page = client.get("/admin/invoices?page=7").get_data(as_text=True)
    assert "Page 2 of 2" in page and documents[0].number in page


def test_unknown_filter_values_are_ignored(client, one_of_each):
    for url, marker in one_of_each.items():
        response = client.get(f"{url}?{UNKNOWN}")
        assert response.status_code == 200, url
        assert marker in response.get_data(as_text=True), url


def test_customers_sort_only_by_the_listed_sorts(client, ctx, login_as):
    for company in ("Alpha", "Beta", "Zulu"):
        make_customer(company=company)
    login_as(make_admin())

    def order(query: str) -> list[int]:
        page = client.get(f"/admin/customers{query}").get_data(as_text=True)
        return [page.index(f">{company}<") for company in ("Alpha", "Beta", "Zulu")]

    assert order("?sort=-company") == sorted(order("?sort=-company"), reverse=True)
    for query in ("", "?sort=company", "?sort=id", "?sort=company_key%20desc", "?sort=-"):
        assert order(query) == sorted(order(query)), query


def test_documents_ignore_a_sort_they_do_not_have(client, ctx, login_as):
    customer = make_customer()
    older = make_document(customer, status="unpaid")
    newer = make_document(customer, status="unpaid")
    login_as(make_admin())
    for query in ("", "?sort=-date", "?sort=number", "?sort=total"):
        page = client.get(f"/admin/invoices{query}").get_data(as_text=True)
        assert page.index(newer.number) < page.index(older.number), query  # newest first
