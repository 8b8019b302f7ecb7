"""Issue 19's knowledge base finishing touches in a browser (English on a desk, Arabic on a
390 px phone): staff search the article list, remove one language after confirming; a contact
finds the newest articles on the portal dashboard's card and searches from it."""

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_article, make_customer, make_portal_contact, make_user


def _words(language: str) -> dict:
    with force_locale(language):
        return {"search": _("Search"), "removed": _("Language removed."),
                "remove": _("Remove this language"), "kb": _("Knowledge base"),
                "box": _("Search the knowledge base")}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("ar", 390)])
def test_staff_search_and_remove_a_language_then_a_contact_uses_the_card(
    browser, live_server, ctx, language, width
):
    words = _words(language)
    article = make_article(
        "Issue an invoice",
        "<p>Open the Sales tab.</p>",
        texts={"fr": ("Créer une facture", "<p>Ouvrez Ventes.</p>")},
    )
    make_article("Reset your password", "<p>Use the link.</p>")
    staff = make_user(is_admin=True, language=language)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)
    page.goto(f"{live_server}/admin/kb")
    page.get_by_label(words["search"], exact=True).fill("CREER facture")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Reset your password")).to_have_count(0)
    shown = "Issue an invoice"  # no Arabic text: the default language's, in both
    results.get_by_role("link", name=shown).click()

    page.goto(f"{live_server}/admin/kb/{article.id}?language=fr")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=words["remove"]).click()
    expect(page.get_by_text(words["removed"])).to_be_visible()
    assert "language=fr" not in page.url
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    context.close()

    contact = make_portal_contact(make_customer(company="Atelier", language=language))
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/clients/login", contact.email)
    card = page.locator(".kb-card")
    expect(card.get_by_role("heading", name=words["kb"])).to_be_visible()
    expect(card.get_by_role("link", name=shown)).to_be_visible()
    card.get_by_label(words["box"]).fill("password")
    card.get_by_role("button", name=words["search"]).click()
    expect(page.locator("#results").get_by_role("link", name="Reset your password")).to_be_visible()
    expect(page.locator("#results").get_by_role("link", name=shown)).to_have_count(0)
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    assert errors == [], errors
    context.close()
