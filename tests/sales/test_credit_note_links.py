"""Credit note numbers are links, like invoice numbers: in the Sales journal and the staff
statement (the credit note's page), and in the portal's statement (the portal's credit note
page, of the contact's own customer)."""

import re
from datetime import date

from tests.factories import make_admin, make_contact, make_customer
from tests.sales.statement_factories import credit_note, issued

MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


def _documents():
    customer = make_customer(company="Boulangerie Martin")
    invoice = issued(customer, 900, date(2026, 3, 2), date(2026, 4, 1))
    note = credit_note(customer, 100, date(2026, 3, 20))
    return customer, invoice, note


def _link(page: str, href: str, text: str) -> bool:
    return re.search(rf'<a href="{re.escape(href)}">{re.escape(text)}</a>', page) is not None


def test_the_sales_journal_and_the_statement_link_credit_notes(client, ctx, login_as):
    login_as(make_admin())
    customer, invoice, note = _documents()
    for url in ("/admin/reports/sales-journal", f"/admin/customers/{customer.id}/statement"):
        page = client.get(url, query_string=MARCH).get_data(as_text=True)
        assert _link(page, f"/admin/credit-notes/{note.id}", note.number), url
        assert _link(page, f"/admin/invoices/{invoice.id}", invoice.number), url
        assert client.get(f"/admin/credit-notes/{note.id}").status_code == 200


def test_the_portal_statement_links_the_portal_credit_note_page(client, ctx, login_as):
    customer, invoice, note = _documents()
    login_as(make_contact(customer))
    page = client.get("/clients/statement", query_string=MARCH).get_data(as_text=True)
    assert _link(page, f"/clients/credit-notes/{note.id}", note.number)
    assert _link(page, f"/clients/invoices/{invoice.id}", invoice.number)
    assert client.get(f"/clients/credit-notes/{note.id}").status_code == 200
    other = make_customer(company="Autre")
    others = credit_note(other, 50, date(2026, 3, 21))
    assert client.get(f"/clients/credit-notes/{others.id}").status_code == 404
