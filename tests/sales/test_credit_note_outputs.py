"""A credit note's PDF (title, the invoice it credits, the client PDF language rule), its email
(template credit_note, PDF attached, to contacts who may open invoices) and the portal (listed
and opened by contacts with the invoices permission; drafts and other customers' never)."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Document
from app.services.sales.actions import cancel_invoice
from app.services.settings import save_settings
from tests.factories import make_admin, make_contact, make_customer, make_document
from tests.sales.test_pdf import pdf_text


def _cancelled_with_credit(customer, language="en") -> tuple[Document, Document]:
    invoice = make_document(customer, status="unpaid", language=language)
    credit = cancel_invoice(invoice)
    db.session.commit()
    return invoice, credit


def test_the_pdf_says_credit_note_and_names_the_invoice(client, ctx, login_as):
    login_as(make_admin())
    invoice, credit = _cancelled_with_credit(make_customer(company="Boulangerie Martin"))
    response = client.get(f"/admin/credit-notes/{credit.id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert 'filename="CN-000001.pdf"' in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    for expected in ("Credit note CN-000001", "Credit note for invoice INV-000001",
                     "Boulangerie Martin", "Design work", "€900.00"):  # fmt: skip
        assert expected in text, expected


def test_the_pdf_follows_the_client_pdf_language_rule(ctx):
    from app.services.sales.pdf import document_pdf

    _invoice, credit = _cancelled_with_credit(make_customer(language="fr"), language="fr")
    save_settings({"default_language": "de", "pdf_in_client_language": False})
    db.session.commit()
    assert "Gutschrift CN-000001" in pdf_text(document_pdf(credit))
    assert "Gutschrift zur Rechnung INV-000001" in pdf_text(document_pdf(credit))
    text = pdf_text(document_pdf(credit, from_portal=True))
    assert "Avoir CN-000001" in text and "Avoir de la facture INV-000001" in text


def test_sending_emails_the_credit_note_with_its_pdf(client, ctx, login_as, inbox):
    login_as(make_admin())
    save_settings({"company_name": "Atelier Comptoir"})
    customer = make_customer(language="fr")
    contact = make_contact(customer, first_name="Claire")
    no_invoices = make_contact(customer, perm_invoices=False)
    credit = make_document(customer, kind="credit", status="draft", language="fr")
    page = client.get(f"/admin/credit-notes/{credit.id}").get_data(as_text=True)
    assert no_invoices.email not in page  # only contacts who may open invoices are offered
    response = client.post_form(f"/admin/credit-notes/{credit.id}/send",
                                {"contacts": [str(contact.id), str(no_invoices.id)]},
                                token_from="/admin/")  # fmt: skip
    assert response.status_code == 303
    message = inbox.only()
    assert message["To"].endswith(f"<{contact.email}>") or contact.email in message["To"]
    assert "avoir CN-000001" in message["Subject"] and "Atelier Comptoir" in message["Subject"]
    body = message.get_body(("html",)).get_content()
    assert "Bonjour Claire" in body and f"/clients/credit-notes/{credit.id}?lang=fr" in body
    pdf = next(p for p in message.iter_attachments() if p.get_content_type() == "application/pdf")
    assert pdf.get_filename() == "CN-000001.pdf"
    assert "Avoir CN-000001" in pdf_text(pdf.get_content())
    db.session.expire_all()
    assert db.session.get(Document, credit.id).status == "open"  # sending issued it


def test_the_credit_note_email_template_is_editable(client, ctx, login_as):
    login_as(make_admin())
    page = client.get("/admin/settings/email-templates").get_data(as_text=True)
    assert "Send a credit note" in page


def test_the_portal_lists_and_opens_the_customers_issued_credit_notes(client, ctx, login_as):
    customer = make_customer()
    contact = make_contact(customer)
    invoice, credit = _cancelled_with_credit(customer)
    draft = make_document(customer, kind="credit", status="draft")
    theirs = make_document(make_customer(), kind="credit", status="open")
    login_as(contact)
    listing = client.get("/clients/credit-notes").get_data(as_text=True)
    assert credit.number in listing and theirs.number not in listing
    assert f"/clients/credit-notes/{draft.id}" not in listing
    detail = client.get(f"/clients/credit-notes/{credit.id}").get_data(as_text=True)
    assert "Credit note for invoice" in detail
    assert detail.count("Credit left") == 1  # in the totals, said once
    assert f'href="/clients/invoices/{invoice.id}"' in detail
    pdf = client.get(f"/clients/credit-notes/{credit.id}/pdf")
    assert pdf.status_code == 200 and "Credit note CN-000001" in pdf_text(pdf.data)
    for document in (draft, theirs):
        assert client.get(f"/clients/credit-notes/{document.id}").status_code == 404
        assert client.get(f"/clients/credit-notes/{document.id}/pdf").status_code == 404
    invoices = client.get("/clients/invoices").get_data(as_text=True)
    assert 'href="/clients/credit-notes"' in invoices


def test_without_the_invoices_permission_no_credit_notes(client, ctx, login_as):
    customer = make_customer()
    _invoice, credit = _cancelled_with_credit(customer)
    login_as(make_contact(customer, perm_invoices=False))
    assert client.get("/clients/credit-notes").status_code == 403
    assert client.get(f"/clients/credit-notes/{credit.id}").status_code in (403, 404)


def test_staff_list_shows_the_credit_left(client, ctx, login_as):
    login_as(make_admin())
    credit = make_document(kind="credit", status="open")
    page = client.get("/admin/credit-notes").get_data(as_text=True)
    assert "Credit left" in page and re.search(r"€900\.00", page)
    assert db.session.scalar(select(Document.number).where(Document.id == credit.id)) in page
