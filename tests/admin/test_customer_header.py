"""Every page of a customer shows the same header: its facts, mail not yet delivered, its tabs."""

import re

import pytest

from app.extensions import db
from tests.factories import (
    make_admin,
    make_contact,
    make_currency,
    make_customer,
    make_outbox_message,
)

TABS = {
    "": "Profile",
    "/contacts": "Contacts",
    "/contacts/new": "Contacts",
    "/notes": "Notes",
    "/files": "Files",
    "/invoices": "Invoices",
    "/credit-notes": "Credit notes",
    "/recurring-invoices": "Recurring invoices",
    "/statement": "Statement",
    "/estimates": "Estimates",
    "/proposals": "Proposals",
    "/contracts": "Contracts",
    "/tickets": "Tickets",
    "/projects": "Projects",
    "/activity": "Activity",
}
NO_TAB = ["/delete", "/tickets/new"]


@pytest.fixture
def customer_page(client, login_as, ctx):
    """A customer with a primary contact and an email that has not left; signed in as staff."""
    make_currency("CHF", is_default=True)
    customer = make_customer(company="Header Test SA")
    contact = make_contact(customer, first_name="Iris", last_name="Prime", is_primary=True)
    message = make_outbox_message(
        customer, recipient=contact.email, attempts=2, last_error="Mailbox unavailable"
    )
    login_as(make_admin())
    return customer, contact, message


@pytest.mark.parametrize("suffix", [*TABS, *NO_TAB])
def test_each_customer_page_shows_the_header(client, customer_page, suffix):
    customer, contact, message = customer_page
    response = client.get(f"/admin/customers/{customer.id}{suffix}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Header Test SA" in page
    assert f'Iris Prime · <a href="mailto:{contact.email}">' in page
    assert "System default (CHF)" in page
    assert "1 email has not been delivered yet" in page and "Mailbox unavailable" in page
    resend = f"/admin/customers/{customer.id}/emails/{message.id}/resend"
    assert re.search(rf'<form method="post" action="{resend}"><input type="hidden" '
                     r'name="csrf_token" value="[^"]+"><button type="submit" '
                     r'class="button button-small">Resend</button></form>', page)  # fmt: skip
    tabs = page.split('<nav class="page-tabs"', 1)[1].split("</nav>", 1)[0]
    assert tabs.count("<a href=") == len(TABS) - 1  # one link per tab (Contacts/new is no tab)
    current = [s.strip() for s in re.findall(r'aria-current="page">([^<]+)', tabs)]
    assert current == ([TABS[suffix]] if suffix in TABS else [])


def test_the_header_names_the_customers_own_currency(client, customer_page):
    customer, _contact, _message = customer_page
    customer.currency = make_currency("USD", symbol="$")
    db.session.commit()
    page = client.get(f"/admin/customers/{customer.id}/contacts").get_data(as_text=True)
    assert "<span>Currency</span> USD" in page and "(CHF)" not in page


def test_a_delivered_email_leaves_the_header(client, customer_page):
    customer, _contact, message = customer_page
    message.sent_at = message.created_at
    db.session.commit()
    page = client.get(f"/admin/customers/{customer.id}/contacts").get_data(as_text=True)
    assert "not been delivered" not in page
