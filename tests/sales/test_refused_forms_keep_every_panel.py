"""A refused refund, payment or credit application shows the document's page again (422) with
the message beside its field and every panel the page had — *Send to customer* included."""

import html
import re
from decimal import Decimal

from app.services.sales.service import ItemInput
from tests.factories import make_admin, make_contact, make_customer, make_document


def _headings(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)]


def _setup(login_as):
    login_as(make_admin())
    customer = make_customer()
    make_contact(customer, first_name="Claire")
    invoice = make_document(customer, status="unpaid")
    credit = make_document(customer, kind="credit", status="open",
                           lines=[ItemInput("Refund", Decimal("1"), Decimal("100"))])  # fmt: skip
    return invoice, credit


def test_a_refused_refund_keeps_the_send_panel(client, ctx, login_as):
    _invoice, credit = _setup(login_as)
    shown = client.get(f"/admin/credit-notes/{credit.id}").get_data(as_text=True)
    assert "Send to customer" in _headings(shown)
    refused = client.post_form(f"/admin/credit-notes/{credit.id}/refunds",
                               {"amount": "150", "paid_on": "2026-11-20", "mode": "cash"},
                               token_from="/admin/")  # fmt: skip
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "This is more than the credit left (€100.00)." in html.unescape(page)
    assert _headings(page) == _headings(shown)
    assert 'value="150"' in page  # the refund form as typed


def test_a_refused_application_keeps_the_send_panel(client, ctx, login_as):
    invoice, credit = _setup(login_as)
    shown = client.get(f"/admin/credit-notes/{credit.id}").get_data(as_text=True)
    refused = client.post_form(f"/admin/credit-notes/{credit.id}/apply",
                               {f"amount_{invoice.id}": "0"}, token_from="/admin/")  # fmt: skip
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Enter an amount above zero." in page
    assert _headings(page) == _headings(shown)


def test_a_refused_payment_keeps_the_send_panel(client, ctx, login_as):
    invoice, _credit = _setup(login_as)
    shown = client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True)
    assert "Send to customer" in _headings(shown)
    refused = client.post_form(f"/admin/invoices/{invoice.id}/payments",
                               {"amount": "5000", "paid_on": "2026-11-20", "mode": "cash"},
                               token_from="/admin/")  # fmt: skip
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "more than the amount due" in page
    assert _headings(page) == _headings(shown)
