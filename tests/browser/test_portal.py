"""Staff set a customer's language to French; its contact's whole portal is then in French."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_customer, make_portal_contact, make_user

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", SIZES)
def test_portal_in_french(browser, live_server, ctx, size):
    staff = make_user(name="Sam Sales")
    customer = make_customer(company="Fromagerie Dubois", country="FR")
    make_portal_contact(
        customer,
        first_name="Élise",
        last_name="Dubois",
        email="elise@dubois.example.com",
        perm_support=False,
    )
    errors = []

    # Staff set the customer's language to French on its page.
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)
    page.goto(live_server + f"/admin/customers/{customer.id}")
    if size == "desktop":
        page.get_by_role("tab", name="Advanced options").click()
    page.locator("#language").select_option("fr")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("Français")
    context.close()

    # The contact signs in at /clients/login and finds everything in French.
    context = browser.new_context(viewport=SIZES[size], locale="en-US")
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server + "/clients/login")
    page.get_by_label("Email").fill("elise@dubois.example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server + "/clients/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Fromagerie Dubois")).to_be_visible()
    expect(page.get_by_text("Bienvenue, Élise.")).to_be_visible()
    menu = page.get_by_role("navigation", name="Menu principal")
    if size == "phone":  # the menu waits behind its button
        page.get_by_role("button", name="Menu").click()
    for label in ["Tableau de bord", "Factures", "Devis", "Contrats", "Profil"]:
        expect(menu.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(menu.get_by_role("link", name="Support")).to_have_count(0)  # switched off
    page.screenshot(path=f"test-results/portal-fr-{size}.png", full_page=True)

    menu.get_by_role("link", name="Factures").click()
    expect(page.get_by_role("heading", name="Factures")).to_be_visible()
    expect(page.get_by_text("Vous n'avez pas encore de facture.")).to_be_visible()

    if size == "phone":
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Profil").click()
    expect(page.get_by_role("heading", name="Vos informations")).to_be_visible()
    expect(page.get_by_text("Client depuis le")).to_be_visible()
    page.get_by_label("Prénom").fill("Élisabeth")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Votre profil est enregistré.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    page.screenshot(path=f"test-results/portal-profile-fr-{size}.png", full_page=True)
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(live_server + "/clients/login")
    expect(page.get_by_text("Vous êtes déconnecté.")).to_be_visible()
    assert errors == [], errors
    context.close()
