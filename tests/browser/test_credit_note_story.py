"""The way out of "issued means final", in a browser, in English and in French: staff issue an
invoice, open its edit address and read that it is final with the credit note way out, create a
credit note from it, issue it, apply it to the invoice, and see the invoice paid."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_customer, make_document, make_user

WORDS = {
    "en": {"issue_invoice": "Mark as sent", "final": "create a credit note",
           "create": "Create credit note", "save": "Save", "issue_credit": "Mark as sent",
           "issued": "CN-000001 is issued.", "apply": "Apply the credit",
           "applied": "€900.00 of the credit note applied.", "credit": "Credit note",
           "paid": "Paid", "closed": "Closed", "amount": "Amount for INV-000001"},
    "fr": {"issue_invoice": "Marquer comme envoyée", "final": "créez un avoir",
           "create": "Créer un avoir", "save": "Enregistrer",
           "issue_credit": "Marquer comme envoyé", "issued": "CN-000001",
           "apply": "Imputer l'avoir", "applied": "de l'avoir imputés.", "credit": "Avoir",
           "paid": "Payée", "closed": "Soldé", "amount": "Montant pour INV-000001"},
}  # fmt: skip


@pytest.mark.parametrize("language", ["en", "fr"])
def test_credit_note_story(browser, live_server, ctx, language):
    words = WORDS[language]
    staff = make_user(name="Sam Sales", is_admin=True, language=language)
    invoice = make_document(make_customer(company="Fromagerie Dubois"), status="draft")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/invoices/{invoice.id}")
    page.get_by_role("button", name=words["issue_invoice"], exact=True).click()
    expect(page.locator("h1")).to_contain_text("INV-000001")

    page.goto(f"{live_server}/admin/invoices/{invoice.id}/edit")  # final: the way out is shown
    expect(page.locator(".final-reason")).to_contain_text(words["final"])
    page.get_by_role("button", name=words["create"]).click()
    page.wait_for_url(re.compile(r"/admin/credit-notes/\d+/edit$"))
    expect(page.locator("#items-0-description")).to_have_value("Design work")
    page.get_by_role("button", name=words["save"], exact=True).click()
    page.wait_for_url(re.compile(r"/admin/credit-notes/\d+$"))
    page.get_by_role("button", name=words["issue_credit"], exact=True).click()
    expect(page.get_by_text(words["issued"]).first).to_be_visible()
    expect(page.locator("h1")).to_contain_text(f"{words['credit']} CN-000001")
    expect(page.locator(".credited-invoice")).to_contain_text("INV-000001")

    expect(page.get_by_label(words["amount"])).to_have_value(re.compile(r"^900"))
    page.get_by_role("button", name=words["apply"]).click()
    expect(page.get_by_text(words["applied"])).to_be_visible()
    expect(page.locator("h1")).to_contain_text(words["closed"])

    page.locator(".credited-invoice a").click()
    expect(page.locator("h1")).to_contain_text(words["paid"])
    expect(page.locator(".credit-applications")).to_contain_text("CN-000001")
    assert errors == [], errors
    context.close()
