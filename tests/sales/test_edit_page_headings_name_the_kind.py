"""The edit page's heading says what is edited: a draft credit note is a *Credit note (draft)*
(not a bare *Draft*), like a draft invoice; a numbered estimate or proposal shows its number."""

import re

import pytest

from tests.factories import make_admin, make_document

HEADINGS = {
    "en": {"credit": "Credit note (draft)", "invoice": "Invoice (draft)"},
    "fr": {"credit": "Avoir (brouillon)", "invoice": "Facture (brouillon)"},
    "de": {"credit": "Gutschrift (Entwurf)", "invoice": "Rechnung (Entwurf)"},
    "es": {"credit": "Nota de crédito (borrador)", "invoice": "Factura (borrador)"},
}
PLURAL = {"invoice": "invoices", "estimate": "estimates", "proposal": "proposals",
          "credit": "credit-notes"}  # fmt: skip


def heading(page: str) -> str:
    return " ".join(re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).split())


@pytest.mark.parametrize("language", HEADINGS)
def test_a_draft_edit_page_names_its_kind(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    for kind, words in HEADINGS[language].items():
        draft = make_document(kind=kind)
        page = client.get(f"/admin/{PLURAL[kind]}/{draft.id}/edit").get_data(as_text=True)
        assert heading(page) == words, kind


def test_numbered_estimates_and_proposals_keep_their_number(client, ctx, login_as):
    login_as(make_admin())
    for kind in ("estimate", "proposal"):
        document = make_document(kind=kind)
        page = client.get(f"/admin/{PLURAL[kind]}/{document.id}/edit").get_data(as_text=True)
        assert heading(page) == document.number
