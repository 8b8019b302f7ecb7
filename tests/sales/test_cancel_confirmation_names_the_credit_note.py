"""Cancelling an issued invoice issues its credit note: the confirmation says so, with the
amount, before anything happens; a draft's confirmation does not (nothing is credited)."""

import html
import re
from decimal import Decimal

import pytest

from app.services.sales.service import ItemInput
from tests.factories import make_admin, make_document

SAYS = {
    "en": "Cancel this invoice? A credit note for €1,200.00 will be issued and applied to this "
    "invoice.",
    "fr": "Annuler cette facture\u00a0? Un avoir de 1\u202f200,00\u00a0€ sera émis et imputé sur "
    "cette facture.",
    "de": "Diese Rechnung stornieren? Eine Gutschrift über 1.200,00\u00a0€ wird ausgestellt und "
    "mit dieser Rechnung verrechnet.",
    "es": "¿Anular esta factura? Se emitirá una nota de crédito de 1.200,00\u00a0€ y se aplicará a "
    "esta factura.",
}


def _confirmation(client, invoice) -> str:
    page = client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True)
    cancel = rf'action="/admin/invoices/{invoice.id}/cancel"\s*data-confirm="([^"]*)"'
    form = re.search(cancel, page)
    return html.unescape(form.group(1))


@pytest.mark.parametrize("language", SAYS)
def test_an_issued_invoices_cancel_confirmation_says_a_credit_note_is_issued(
    client, ctx, login_as, language
):
    login_as(make_admin(language=language))
    invoice = make_document(status="unpaid", lines=[ItemInput("Audit", Decimal(1), Decimal(1200))])
    assert _confirmation(client, invoice) == SAYS[language]


def test_a_drafts_cancel_confirmation_mentions_no_credit_note(client, ctx, login_as):
    login_as(make_admin())
    draft = make_document(status="draft")
    assert _confirmation(client, draft) == "Cancel this invoice?"
