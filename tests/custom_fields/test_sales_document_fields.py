"""Custom fields on invoices, estimates and proposals: on the document form (saved with the
document, refused beside the field with nothing written), on its PDF when *Show on PDFs*
(in the document's language), on its portal page when *Show in the client portal*."""

import html
from datetime import date

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import CustomFieldValue, Document
from tests.factories import (
    document_form,
    make_admin,
    make_contact,
    make_currency,
    make_custom_field,
    make_customer,
    make_document,
)
from tests.sales.test_pdf import pdf_text


@pytest.mark.parametrize("kind", ["invoice", "estimate", "proposal"])
def test_a_document_form_saves_its_custom_fields(client, ctx, login_as, kind):
    login_as(make_admin())
    make_custom_field("po_number", "text", entity=kind, required=True,
                      labels={"en": "Purchase order"})  # fmt: skip
    customer, eur = make_customer(), make_currency("EUR")
    url = f"/admin/{kind}s/new?customer={customer.id}"
    assert "Purchase order" in client.get(url).get_data(as_text=True)
    post = f"/admin/{kind}s/new"
    response = client.post_form(post, document_form(customer, eur, cf_po_number=""),
                                token_from=url, headers={"HX-Request": "true"})  # fmt: skip
    assert response.status_code == 422
    assert 'id="cf_po_number-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0
    response = client.post_form(post, document_form(customer, eur, cf_po_number="PO-77"),
                                token_from=url)  # fmt: skip
    assert response.status_code == 303
    document = db.session.scalar(select(Document))
    row = db.session.scalar(select(CustomFieldValue))
    assert (row.entity_type, row.record_id, row.value_text) == (kind, document.id, "PO-77")
    page = client.get(f"/admin/{kind}s/{document.id}/edit").get_data(as_text=True)
    assert 'value="PO-77"' in page
    page = client.get(f"/admin/{kind}s/{document.id}").get_data(as_text=True)
    assert "<dt>Purchase order</dt><dd>PO-77</dd>" in page


def test_the_pdf_shows_the_pdf_fields_in_the_documents_language(client, ctx, login_as):
    login_as(make_admin())
    po = make_custom_field("po", "text", entity="invoice", on_pdf=True,
                           labels={"en": "Purchase order", "fr": "Bon de commande"})  # fmt: skip
    period = make_custom_field("period_end", "date", entity="invoice", on_pdf=True,
                               labels={"en": "Period end", "fr": "Fin de période"})  # fmt: skip
    internal = make_custom_field("margin", "text", entity="invoice", labels={"en": "Margin"})
    invoice = make_document(make_customer(), status="unpaid", language="fr")
    for field, value in ((po, {"value_text": "PO-77"}), (internal, {"value_text": "Secret"}),
                         (period, {"value_date": date(2027, 3, 1)})):  # fmt: skip
        db.session.add(CustomFieldValue(entity_type="invoice", record_id=invoice.id,
                                        field_id=field.id, **value))  # fmt: skip
    db.session.commit()
    from app.services.settings import save_settings

    save_settings({"pdf_in_client_language": True})
    db.session.commit()
    text = pdf_text(client.get(f"/admin/invoices/{invoice.id}/pdf").data)
    assert "Bon de commande" in text and "PO-77" in text
    assert "Fin de période" in text and "1 mars 2027" in text
    assert "Margin" not in text and "Secret" not in text


def test_the_portal_page_shows_the_portal_fields_to_the_customers_contact(client, ctx, login_as):
    po = make_custom_field("po", "text", entity="invoice", in_portal=True,
                           labels={"en": "Purchase order"})  # fmt: skip
    internal = make_custom_field("margin", "text", entity="invoice", labels={"en": "Margin"})
    customer = make_customer()
    contact = make_contact(customer, perm_invoices=True)
    invoice = make_document(customer, status="unpaid")
    for field, text in ((po, "PO-77"), (internal, "Secret")):
        db.session.add(CustomFieldValue(entity_type="invoice", record_id=invoice.id,
                                        field_id=field.id, value_text=text))  # fmt: skip
    db.session.commit()
    login_as(contact)
    page = html.unescape(client.get(f"/clients/invoices/{invoice.id}").get_data(as_text=True))
    assert "<dt>Purchase order</dt><dd>PO-77</dd>" in page
    assert "Margin" not in page and "Secret" not in page
    stranger = make_contact(make_customer(), perm_invoices=True)
    login_as(stranger)
    assert client.get(f"/clients/invoices/{invoice.id}").status_code == 404
