"""Words about a document agree with its kind (une facture envoyée, un devis envoyé), and a
draft invoice's browser tab says what it is."""

import re

import pytest

from tests.factories import make_admin, make_document

MARK_AS_SENT = {
    "en": {"invoice": "Mark as sent", "estimate": "Mark as sent", "proposal": "Mark as sent"},
    "fr": {
        "invoice": "Marquer comme envoyée",
        "estimate": "Marquer comme envoyé",
        "proposal": "Marquer comme envoyée",
    },
    "de": {
        "invoice": "Als gesendet markieren",
        "estimate": "Als gesendet markieren",
        "proposal": "Als gesendet markieren",
    },
    "es": {
        "invoice": "Marcar como enviada",
        "estimate": "Marcar como enviado",
        "proposal": "Marcar como enviada",
    },
}
DRAFT_TITLE = {
    "en": "Invoice (draft)",
    "fr": "Facture (brouillon)",
    "de": "Rechnung (Entwurf)",
    "es": "Factura (borrador)",
}
PLURAL = {"invoice": "invoices", "estimate": "estimates", "proposal": "proposals"}


def title(page: str) -> str:
    return re.search(r"<title>(.*?) · ", page, re.S).group(1).strip()


@pytest.mark.parametrize("language", MARK_AS_SENT)
def test_mark_as_sent_agrees_with_the_kind(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    for kind, words in MARK_AS_SENT[language].items():
        document = make_document(kind=kind)
        page = client.get(f"/admin/{PLURAL[kind]}/{document.id}").get_data(as_text=True)
        assert f">{words}</button>" in page, kind


@pytest.mark.parametrize("language", DRAFT_TITLE)
def test_a_draft_invoice_tab_names_the_kind(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    draft = make_document(kind="invoice")
    for url in (f"/admin/invoices/{draft.id}", f"/admin/invoices/{draft.id}/edit"):
        assert title(client.get(url).get_data(as_text=True)) == DRAFT_TITLE[language]
    estimate = make_document(kind="estimate")
    page = client.get(f"/admin/estimates/{estimate.id}").get_data(as_text=True)
    assert title(page) == estimate.number
