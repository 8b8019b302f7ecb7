"""The knowledge base in a browser: a contact opens it from the portal menu, reads an article in
the customer's language (English on a desk, French on a phone) and answers No with a comment
revealed after the click; staff then see the answer and the comment on the article's page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_a11y_pwa import serious_violations
from tests.factories import (
    make_article,
    make_customer,
    make_kb_group,
    make_portal_contact,
    make_user,
)

NBSP = "\u00a0"
WORDS = {
    "en": {"menu": "Knowledge base", "group": "Getting started", "title": "How to add a customer",
           "question": "Was this article helpful?", "no": "No",
           "comment": "What were you looking for? (optional)", "send": "Send the comment",
           "thanks": "Thank you for your answer.", "subject": "Subject",
           "typed": "How do I add a CUSTOMER"},
    "fr": {"menu": "Base de connaissances", "group": "Premiers pas",
           "title": "Comment ajouter un client",
           "question": f"Cet article vous a-t-il été utile{NBSP}?", "no": "Non",
           "comment": f"Que cherchiez-vous{NBSP}? (facultatif)", "send": "Envoyer le commentaire",
           "thanks": "Merci pour votre réponse.", "subject": "Objet",
           "typed": "ajouter un CLIENT"},
}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("fr", 390)])
def test_a_contact_answers_no_with_a_comment_and_staff_see_it(
    browser, live_server, ctx, language, width
):
    words = WORDS[language]
    group = make_kb_group({"en": "Getting started", "fr": "Premiers pas"})
    article = make_article(
        "How to add a customer", "<p>Open <b>Customers</b>.</p>", group=group,
        texts={"fr": ("Comment ajouter un client", "<p>Ouvrez <b>Clients</b>.</p>")},
    )  # fmt: skip
    contact = make_portal_contact(make_customer(company="Boulangerie Martin", language=language),
                           first_name="Zoé", last_name="Martin")  # fmt: skip
    staff = make_user(name="Claire", is_admin=True, language="en")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/clients/login", contact.email)

    if width < 600:
        page.locator("[data-menu-toggle]").click()
    page.get_by_role("navigation").get_by_role("link", name=words["menu"]).click()
    expect(page.get_by_role("heading", name=words["group"])).to_be_visible()
    page.get_by_role("link", name=words["title"]).click()
    expect(page.get_by_role("heading", name=words["title"], level=1)).to_be_visible()
    vote = page.locator("#kb-vote")
    expect(vote.get_by_role("heading", name=words["question"])).to_be_visible()
    vote.get_by_role("button", name=words["no"], exact=True).click()
    comment = page.get_by_label(words["comment"])
    expect(comment).to_be_visible()  # revealed by the answer, without a page load
    assert serious_violations(page) == []
    comment.fill("Où sont les groupes ?")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.locator("#kb-vote")).to_contain_text(words["thanks"])
    expect(page.get_by_label(words["comment"])).to_have_value("Où sont les groupes ?")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"

    # Typing a new ticket's subject suggests the article.
    page.goto(f"{live_server}/clients/tickets/new")
    page.get_by_label(words["subject"]).press_sequentially(words["typed"])
    suggestions = page.locator("#kb-suggestions")
    expect(suggestions.get_by_role("link", name=words["title"])).to_be_visible()
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server + "/admin/login", staff.email)
    page.goto(f"{live_server}/admin/kb")
    expect(page.locator("#results")).to_contain_text("Yes: 0, No: 1")
    page.get_by_role("link", name="How to add a customer").click()
    expect(page.get_by_text("Où sont les groupes ?")).to_be_visible()
    expect(page.get_by_text("Zoé Martin")).to_be_visible()
    assert serious_violations(page) == []
    assert errors == []
    context.close()
    assert article.id
