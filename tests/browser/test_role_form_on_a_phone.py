"""Settings → Roles on a phone: the capabilities grid becomes a card per module that fits the
screen, "Their own" is explained, and a new role is saved from it."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_a11y_pwa import serious_violations
from tests.factories import make_admin


def test_an_administrator_makes_a_role_on_a_phone(browser, live_server, ctx):
    admin = make_admin(language="fr")
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", admin.email)
    page.goto(live_server + "/admin/staff/roles/new")
    expect(page.get_by_text("« Les leurs » : les clients dont ils sont")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(page) == []
    page.get_by_label("Nom").fill("Prospection")
    page.get_by_label("Clients et contacts : voir", exact=True).select_option("own")
    page.get_by_label("Clients et contacts : Créer", exact=True).check()
    page.screenshot(path="test-results/role-form-phone.png", full_page=True)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le rôle Prospection est enregistré.")).to_be_visible()
    expect(page.get_by_role("link", name="Prospection")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()

    # On a desk the grid is a table: a row per module, a column per action.
    desk = browser.new_context(viewport={"width": 1024, "height": 800})
    page = desk.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", admin.email)
    page.goto(live_server + "/admin/staff/roles/new")
    expect(page.get_by_role("columnheader", name="Supprimer")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    page.screenshot(path="test-results/role-form-desk.png", full_page=True)
    assert errors == [], errors
    desk.close()
