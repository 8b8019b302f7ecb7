"""An invoice settled partly by a credit note and partly by money shows both apart — *Payments*
and *Credit applied*, each subtracted, then *Amount due* — on its staff page, its portal page and
its PDF, which also name the credit notes applied (number, date, amount)."""

import html
import re
from datetime import date
from decimal import Decimal

from sqlalchemy import event

from app.extensions import db
from app.models import Document
from app.services.sales.actions import record_payment
from app.services.sales.credit import apply_credit
from app.services.sales.service import ItemInput
from tests.factories import make_admin, make_contact, make_customer, make_document
from tests.sales.test_pdf import pdf_text


def _settled_invoice(customer, pay: str | None = "300") -> tuple[Document, Document]:
    """An issued €1,200.00 invoice with €500.00 of credit note applied (and `pay` paid)."""
    line = [ItemInput("Design work", Decimal("1"), Decimal("1200"))]
    invoice = make_document(customer, status="unpaid", lines=line)
    day = [ItemInput("Refund of a day", Decimal("1"), Decimal("500"))]
    credit = make_document(customer, kind="credit", status="open", lines=day)
    apply_credit(credit, {invoice.id: Decimal("500")}, {invoice.id: invoice}, None,
                 today=date(2026, 11, 20))  # fmt: skip
    if pay:
        record_payment(invoice, Decimal(pay), date(2026, 11, 21), "bank_transfer", None, None)
    db.session.commit()
    return invoice, credit


def _words(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _totals_of(page: str) -> str:
    """The totals table of a page, as words."""
    return _words(re.search(r'<table class="totals">.*?</table>', page, re.S).group(0))


def test_the_staff_page_shows_payments_and_credit_applied_apart(client, ctx, login_as):
    login_as(make_admin())
    invoice, _credit = _settled_invoice(make_customer())
    totals = _totals_of(client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True))
    assert "Payments −€300.00 Credit applied −€500.00 Amount due €400.00" in totals
    assert "Amount paid" not in totals


def test_the_portal_page_shows_them_apart_and_names_the_credit_note(client, ctx, login_as):
    customer = make_customer()
    contact = make_contact(customer)
    invoice, credit = _settled_invoice(customer)
    login_as(contact)
    page = client.get(f"/clients/invoices/{invoice.id}").get_data(as_text=True)
    assert "Payments −€300.00 Credit applied −€500.00 Amount due €400.00" in _totals_of(page)
    assert "Nov 20, 2026 — €500.00 · Credit note CN-000001" in _words(page)
    assert f'href="/clients/credit-notes/{credit.id}"' in page


def test_the_pdf_shows_them_apart_and_names_the_credit_note(client, ctx, login_as):
    customer = make_customer()
    invoice, _credit = _settled_invoice(customer)
    login_as(make_admin())
    staff = " ".join(pdf_text(client.get(f"/admin/invoices/{invoice.id}/pdf").data).split())
    login_as(make_contact(customer))
    portal = " ".join(pdf_text(client.get(f"/clients/invoices/{invoice.id}/pdf").data).split())
    for text in (staff, portal):
        assert "Payments −€300.00 Credit applied −€500.00 Amount due €400.00" in text
        assert "Credit note CN-000001 · Nov 20, 2026 · €500.00" in text
        assert "Amount paid" not in text


def test_an_invoice_settled_by_credit_alone_shows_no_payments_line(client, ctx, login_as):
    login_as(make_admin())
    invoice, _credit = _settled_invoice(make_customer(), pay=None)
    totals = _totals_of(client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True))
    assert "Total €1,200.00 Credit applied −€500.00 Amount due €700.00" in totals
    assert "Payments" not in totals


def test_without_credit_only_payments_and_no_credit_query(client, ctx, login_as, app):
    login_as(make_admin())
    customer = make_customer()
    invoice = make_document(customer, status="unpaid")
    record_payment(invoice, Decimal("100"), date(2026, 11, 21), "cash", None, None)
    db.session.commit()
    login_as(make_contact(customer))
    seen = []

    def spy(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", spy)
    try:
        page = client.get(f"/clients/invoices/{invoice.id}").get_data(as_text=True)
        pdf = " ".join(pdf_text(client.get(f"/clients/invoices/{invoice.id}/pdf").data).split())
    finally:
        event.remove(db.engine, "before_cursor_execute", spy)
    assert "Payments −€100.00 Amount due €800.00" in _totals_of(page)
    assert "Credit applied" not in page and "Credit applied" not in pdf
    assert not [s for s in seen if "credit_applications" in s]


def test_deductions_are_negative_amounts_as_the_language_writes_them(client, ctx, login_as):
    """Dutch puts the minus after the currency sign (€ −300,00), English before it (−€300.00):
    the minus belongs to the amount, never glued in front of a formatted one."""
    login_as(make_admin(language="nl"))
    invoice, _credit = _settled_invoice(make_customer(language="nl"))
    totals = _totals_of(client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True))
    assert "€ −300,00" in totals and "€ −500,00" in totals, totals
    assert "−€" not in totals
