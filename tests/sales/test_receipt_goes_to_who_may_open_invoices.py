"""A payment's receipt is emailed to the primary contact only when that contact may open
invoices in the portal; otherwise nobody is emailed and the page says so."""

import html

import pytest

from app.extensions import db
from app.models import Document
from tests.factories import make_admin, make_contact, make_customer, make_document

NO_RECEIPT = {
    "en": "Payment recorded. No receipt was sent: the customer has no active primary contact "
    "who may open invoices in the portal and receives invoice emails.",
    "fr": "Paiement enregistré. Aucun reçu n'a été envoyé\u00a0: le client n'a pas de contact "
    "principal actif ayant accès aux factures dans l'espace client et recevant les e-mails de "
    "factures.",
    "de": "Zahlung erfasst. Es wurde keine Quittung gesendet: Der Kunde hat keinen aktiven "
    "Hauptkontakt, der Rechnungen im Kundenportal öffnen darf und Rechnungs-E-Mails erhält.",
    "es": "Pago registrado. No se envió ningún recibo: el cliente no tiene un contacto principal "
    "activo que pueda abrir facturas en el portal de clientes y reciba los correos de facturas.",
}


def _pay(client, invoice):
    response = client.post_form(f"/admin/invoices/{invoice.id}/payments",
                                {"amount": "100", "paid_on": "2026-11-27", "mode": "card",
                                 "send_receipt": "y"}, token_from="/admin/")  # fmt: skip
    assert response.status_code == 303
    return html.unescape(client.get(response.headers["Location"]).get_data(as_text=True))


def test_the_receipt_goes_to_a_primary_contact_who_may_open_invoices(client, ctx, login_as, inbox):
    login_as(make_admin())
    customer = make_customer()
    primary = make_contact(customer, perm_invoices=True)
    make_contact(customer, perm_invoices=True)  # not primary: no receipt
    invoice = make_document(customer, status="unpaid")
    inbox.clear()
    page = _pay(client, invoice)
    assert "Payment recorded." in page and NO_RECEIPT["en"] not in page
    receipt = inbox.only()
    assert receipt["To"].addresses[0].addr_spec == primary.email


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_no_receipt_for_a_primary_contact_without_the_invoices_permission(
    client, ctx, login_as, inbox, language
):
    login_as(make_admin(language=language))
    customer = make_customer()
    make_contact(customer, perm_invoices=False)  # the primary contact
    make_contact(customer, perm_invoices=True)
    invoice = make_document(customer, status="unpaid")
    inbox.clear()
    page = _pay(client, invoice)
    assert NO_RECEIPT[language] in page
    assert inbox.messages == []
    db.session.expire_all()
    assert db.session.get(Document, invoice.id).amount_paid == 100
