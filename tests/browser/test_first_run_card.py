"""A fresh install (no demo data): the administrator fills the first-run card in French; the
country suggests its currency, a refusal shows beside its field, and once saved the card is gone
and the New customer form offers the currency."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD, make_admin


def test_admin_finishes_the_setup_in_french(browser, live_server, ctx):
    admin = make_admin(name="Camille", language="fr")
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: (msg.type == "error" and "status of 422" not in msg.text
                                    and errors.append(msg.text)))  # fmt: skip
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server + "/admin/login")
    page.get_by_label("E-mail").fill(admin.email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(live_server + "/admin/")
    card = page.locator("#first-run")
    expect(card.get_by_role("heading", name="Terminer la configuration")).to_be_visible()

    # Nothing typed: each refusal beside its field, in French, nothing saved.
    card.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#company_name-error")).to_have_text("Saisissez le nom de la société.")
    expect(page.locator("#company_country-error")).to_have_text("Choisissez un pays dans la liste.")

    card = page.locator("#first-run")
    card.get_by_label("Nom de la société").fill("Atelier Lumière")
    country = card.get_by_label("Pays")
    currency = card.get_by_label("Devise par défaut")
    country.select_option("CH")
    expect(currency).to_have_value("CHF")  # suggested from the country
    country.select_option("FR")
    expect(currency).to_have_value("EUR")
    page.screenshot(path="test-results/first-run-card.png", full_page=True)
    card.get_by_label("Langue par défaut du système").select_option("fr")
    card.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("La configuration est terminée")).to_be_visible()
    expect(page.locator("#first-run")).to_have_count(0)
    expect(page).to_have_title(re.compile(r"· Atelier Lumière$"))

    page.goto(live_server + "/admin/customers/new")
    options = page.locator("#currency option")
    expect(options.first).to_have_text("Par défaut du système (EUR)")
    expect(options.nth(1)).to_have_text("EUR — €")
    expect(page.get_by_text("Aucune devise n'est encore configurée")).to_have_count(0)
    assert errors == [], errors
    context.close()
