"""Sending a document by email: the attached PDF is final and in the document's language;
a cancelled document is not sent."""

from tests.factories import make_admin, make_contact, make_customer, make_document
from tests.sales.test_pdf import pdf_text


def test_the_emailed_pdf_is_not_a_draft_and_cancelled_ones_are_not_sent(
    client, ctx, login_as, inbox
):
    login_as(make_admin())
    customer = make_customer(language="fr")
    contact = make_contact(customer)
    invoice = make_document(customer, status="draft", language="fr")
    client.post_form(
        f"/admin/invoices/{invoice.id}/send", {"contacts": [str(contact.id)]}, token_from="/admin/"
    )
    pdf = next(
        p for p in inbox.only().iter_attachments() if p.get_content_type() == "application/pdf"
    ).get_content()
    text = pdf_text(pdf)
    assert "BROUILLON" not in text and "Facture" in text  # the document's language
    inbox.clear()
    cancelled = make_document(customer, status="cancelled")
    client.post_form(
        f"/admin/invoices/{cancelled.id}/send",
        {"contacts": [str(contact.id)]},
        token_from="/admin/",
    )
    assert inbox.messages == []
