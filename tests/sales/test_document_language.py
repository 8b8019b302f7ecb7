"""A document keeps the language it was saved with: an invoice saved in German for a French
customer, with Spanish as the system default, speaks German in its portal PDF, its sending email
and its receipt, and in the staff PDF when the setting asks for the client's language."""

import pytest

from app.extensions import db
from app.models import Customer
from app.services.sales.pdf import document_pdf
from app.services.settings import save_settings
from tests.factories import make_admin, make_contact, make_customer, make_document
from tests.sales.test_pdf import pdf_text


@pytest.fixture
def german_invoice(ctx):
    """An invoice saved in German for a French customer; the system default is Spanish."""
    save_settings({"default_language": "es", "pdf_in_client_language": False})
    customer = make_customer(company="Boulangerie Martin", language="fr")
    make_contact(customer, email="compta@example.com")
    invoice = make_document(customer, status="unpaid", language="de")
    db.session.commit()
    return invoice


def change_customer_language(invoice, code: str) -> None:
    """Staff later change the customer's language (the saved document must not follow)."""
    db.session.get(Customer, invoice.customer_id).language = code
    db.session.commit()


def title(data: bytes) -> str:
    """The PDF's heading: 'Rechnung INV-000001' (below the company's name)."""
    return next(line for line in pdf_text(data).splitlines() if "INV-" in line)


def attached_pdf(message) -> bytes:
    part = next(p for p in message.iter_attachments() if p.get_content_type() == "application/pdf")
    return part.get_content()


def test_staff_pdf_follows_the_setting_and_never_the_customer(german_invoice):
    assert title(document_pdf(german_invoice)) == "Factura INV-000001"  # No: system default
    save_settings({"pdf_in_client_language": True})
    db.session.commit()
    assert title(document_pdf(german_invoice)) == "Rechnung INV-000001"  # Yes: its own language
    change_customer_language(german_invoice, "en")
    assert title(document_pdf(german_invoice)) == "Rechnung INV-000001"


def test_portal_pdf_is_in_the_documents_language(client, german_invoice, login_as):
    login_as(german_invoice.customer.contacts[0])
    url = f"/clients/invoices/{german_invoice.id}/pdf"
    assert title(client.get(url).data) == "Rechnung INV-000001"
    change_customer_language(german_invoice, "es")
    assert title(client.get(url).data) == "Rechnung INV-000001"


def test_sending_email_and_receipt_are_in_the_documents_language(
    client, german_invoice, login_as, inbox
):
    change_customer_language(german_invoice, "en")  # after the invoice was saved
    login_as(make_admin(language="fr"))
    contact = german_invoice.customer.contacts[0]
    client.post_form(f"/admin/invoices/{german_invoice.id}/send",
                     {"contacts": [str(contact.id)]}, token_from="/admin/")  # fmt: skip
    sent = inbox.only()
    assert sent["Subject"].startswith("Rechnung INV-000001 von")
    assert title(attached_pdf(sent)) == "Rechnung INV-000001"
    inbox.clear()
    client.post_form(f"/admin/invoices/{german_invoice.id}/payments",
                     {"amount": "100", "paid_on": "2026-11-27", "mode": "card",
                      "send_receipt": "y"}, token_from="/admin/")  # fmt: skip
    receipt = inbox.only()
    assert receipt["Subject"] == "Zahlungseingang für Rechnung INV-000001"
    assert "100,00" in receipt.get_body(("plain",)).get_content()  # German amounts too
