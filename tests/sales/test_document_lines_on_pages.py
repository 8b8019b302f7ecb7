"""A document's lines read the same on the staff page and in the portal, each line with its
taxes, and both show the status badge worked out from the dates (overdue)."""

from datetime import date, timedelta
from decimal import Decimal

from app.extensions import db
from app.models import TaxRate
from app.services.sales.service import ItemInput
from tests.factories import make_contact, make_customer, make_document, make_user


def _invoice(customer):
    vat = TaxRate(name="VAT", percent=Decimal("20"))
    db.session.add(vat)
    db.session.commit()
    line = ItemInput("Design work", Decimal("2"), Decimal("450"),
                     long_description="Two days of mock-ups", tax_ids=[vat.id])  # fmt: skip
    return make_document(customer, status="unpaid", lines=[line],
                         due_date=date.today() - timedelta(days=1))  # fmt: skip


def test_staff_see_lines_with_taxes_and_the_overdue_badge(client, ctx, login_as):
    login_as(make_user())
    invoice = _invoice(make_customer())
    page = client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True)
    assert "<small>Two days of mock-ups</small>" in page and "<small>VAT 20 %</small>" in page
    assert '<span class="badge doc-overdue">Overdue</span>' in page


def test_contacts_see_the_same_lines_with_the_taxes_each_carries(client, ctx, login_as):
    contact = make_contact(make_customer())
    login_as(contact)
    invoice = _invoice(contact.customer)
    page = client.get(f"/clients/invoices/{invoice.id}").get_data(as_text=True)
    assert "<small>Two days of mock-ups</small>" in page and "<small>VAT 20 %</small>" in page
    assert '<span class="badge doc-overdue">Overdue</span>' in page
