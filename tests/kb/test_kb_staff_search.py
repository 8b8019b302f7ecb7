"""The staff article list's search: every word in the title or text of any of an article's
languages, accents and case ignored (the portal's folding)."""

import html

from tests.factories import make_admin, make_article


def _listed(client, query: str) -> str:
    return html.unescape(client.get(f"/admin/kb?{query}").get_data(as_text=True))


def test_staff_search_articles_ignoring_accents_and_case(client, ctx, login_as):
    login_as(make_admin())
    make_article("Créer une facture", "<p>Ouvrez l’onglet Ventes.</p>", language="fr",
                 texts={"en": ("Issue an invoice", "<p>Open the Sales tab.</p>")})  # fmt: skip
    make_article("Reset your password", "<p>Use the link in the email.</p>")
    # The list shows each article in the reader's language (English here).
    page = _listed(client, "q=CREER+facture")
    assert "Issue an invoice" in page and "Reset your password" not in page
    page = _listed(client, "q=onglet+VENTES")  # words of the text, not only the title
    assert "Issue an invoice" in page and "Reset your password" not in page
    page = _listed(client, "q=sales")  # its English text matches too
    assert "Issue an invoice" in page
    assert "Reset your password" not in page
    page = _listed(client, "q=sales&language=fr")  # …but not its French one
    assert "No article matches your search." in page
    page = _listed(client, "q=password")
    assert "Reset your password" in page and "Issue an invoice" not in page
    assert 'value="password"' in page
    partial = client.get("/admin/kb?q=100%25", headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "No article matches your search." in partial.text
