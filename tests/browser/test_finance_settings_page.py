"""Settings → Finance in French, on a laptop and a phone: a yearly prefix, a next number that
can only be raised (said beside the field), default terms for French invoices, then Copy."""

from datetime import date

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_admin, make_currency, make_customer, make_document


def test_finance_settings_story(browser, live_server, ctx):
    admin = make_admin(language="fr")
    make_currency("EUR", is_default=True)
    customer = make_customer(company="Atelier Lumière", language="fr")
    invoice = make_document(customer, status="unpaid", language="fr")  # INV-000001
    for width, shown in ((1280, "2"), (390, "1")):  # then the new yearly count starts at 1
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        sign_in(page, live_server + "/admin/login", admin.email)
        page.goto(live_server + "/admin/settings/")
        page.get_by_role("link", name="Finances").click()
        expect(page.locator("h1")).to_have_text("Finances")
        expect(page.get_by_label("Prochain numéro de facture")).to_have_value(shown)
        page.get_by_label("Préfixe des numéros de facture").fill("FA-{YYYY}-")
        page.get_by_label("Prochain numéro de facture").fill("0")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        expect(page.locator("#invoice_next-error")).to_be_visible()
        page.get_by_label("Prochain numéro de facture").fill("1")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        expect(page.get_by_text("Paramètres financiers enregistrés.")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert errors == [], errors
        context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server + "/admin/login", admin.email)
    page.goto(live_server + "/admin/settings/finance/texts/invoice/fr")
    page.get_by_label("Conditions", exact=True).fill("Pénalités de retard : 3 fois le taux légal.")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Notes et conditions par défaut enregistrées.")).to_be_visible()

    page.goto(live_server + f"/admin/invoices/{invoice.id}")
    page.get_by_role("button", name="Copier").click()
    expect(page.get_by_text("Une copie a été créée")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Brouillon")
    page.get_by_role("button", name="Marquer comme envoyé").click()
    expect(page.locator("h1")).to_contain_text(f"FA-{date.today().year}-0001")
    context.close()
