"""Opening balances in a browser, in English on a desk and in French on a phone: staff open a
customer's Statement tab, set what it owed in the old system, record a payment against it and
see the statement start from it (never as an invoice)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_currency, make_customer, make_user

WORDS = {
    "en": {"statement": "Statement", "openings": "Opening balances", "currency": "Currency",
           "amount": "Amount owed", "owed_on": "Owed on",
           "reference": "Reference in the old system",
           "save": "Save", "saved": "Opening balance saved.", "typed": "1,234.56",
           "paid": "234.56", "pay_amount": "Amount", "pay_date": "Payment date",
           "record": "Record the payment", "recorded": "Payment recorded.",
           "line": "Opening balance", "due": "€1,000.00", "owed": "€1,234.56"},
    "fr": {"statement": "Relevé de compte", "openings": "Soldes d'ouverture",
           "currency": "Devise", "amount": "Montant initial", "owed_on": "Dû au",
           "reference": "Référence dans l'ancien système", "save": "Enregistrer",
           "saved": "Solde d'ouverture enregistré.", "typed": "1 234,56", "paid": "234,56",
           "pay_amount": "Montant", "pay_date": "Date du paiement",
           "record": "Enregistrer le paiement", "recorded": "Paiement enregistré.",
           "line": "Solde d'ouverture", "due": "1 000,00", "owed": "1 234,56"},
}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("fr", 390)])
def test_staff_set_an_opening_balance_and_record_a_payment(browser, live_server, ctx, language,
                                                           width):  # fmt: skip
    words = WORDS[language]
    make_currency("EUR")
    staff = make_user(name="Claire", is_admin=True, language=language)
    customer = make_customer(company="Fromagerie Dubois")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/customers/{customer.id}")
    page.get_by_role("navigation").get_by_role("link", name=words["statement"], exact=True).click()
    page.get_by_role("link", name=words["openings"], exact=True).click()
    page.get_by_label(words["currency"], exact=True).select_option("EUR")
    page.get_by_label(words["amount"], exact=True).fill(words["typed"])
    page.get_by_label(words["owed_on"], exact=True).fill("2026-11-30")
    page.get_by_label(words["reference"], exact=True).fill("Perfex INV-0042")
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.get_by_text(words["saved"])).to_be_visible()
    table = page.locator("table.opening-balances")
    expect(table).to_contain_text("Perfex INV-0042")
    expect(table).to_contain_text(words["owed"])

    table.get_by_role("link").first.click()
    page.get_by_label(words["pay_amount"], exact=True).fill(words["paid"])
    page.get_by_label(words["pay_date"], exact=True).fill("2026-12-01")
    page.get_by_role("button", name=words["record"], exact=True).click()
    expect(page.get_by_text(words["recorded"])).to_be_visible()
    expect(page.locator(".opening-payments")).to_contain_text(words["paid"])

    page.goto(f"{live_server}/admin/customers/{customer.id}/statement?from=2026-11-01"
              "&to=2026-12-31")  # fmt: skip
    statement = page.locator("section.statement")
    expect(statement.locator("tbody tr").nth(1)).to_contain_text(words["line"])
    expect(statement.locator("tbody tr").nth(1)).to_contain_text("Perfex INV-0042")
    expect(statement.locator(".statement-closing")).to_contain_text(words["due"])
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    assert errors == []
    context.close()
