"""On a phone the main menu is one button away, whole; a customer's tab strip shows its tab."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_admin, make_customer, make_portal_contact

ENTRIES = {
    "en": ["Dashboard", "Customers", "Sales", "Proposals", "Contracts", "Support", "Projects",
           "My tasks", "Knowledge base", "Reports", "Settings"],
    "fr": ["Tableau de bord", "Clients", "Ventes", "Propositions", "Contrats", "Support", "Projets",
           "Mes tâches", "Base de connaissances", "Rapports", "Paramètres"],
}  # fmt: skip
MENU = {"en": ("Menu", "Main menu"), "fr": ("Menu", "Menu principal")}


def _inside_the_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= -1 and box["x"] + box["width"] <= 391


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_menu_button_opens_the_whole_menu(browser, live_server, ctx, language):
    admin = make_admin(language=language)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", admin.email)
    button_name, menu_name = MENU[language]
    menu = page.get_by_role("navigation", name=menu_name)
    button = page.get_by_role("button", name=button_name)
    expect(menu).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "main-menu")

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    links = menu.get_by_role("link")
    expect(links).to_have_text(ENTRIES[language])
    for n in range(links.count()):
        expect(links.nth(n)).to_be_in_viewport()
        assert _inside_the_screen(page, links.nth(n)), ENTRIES[language][n]
    menu.get_by_role("link", name=ENTRIES[language][-2]).click()  # Reports, near the end
    expect(page).to_have_url(live_server + "/admin/reports")
    expect(menu).to_be_hidden()  # a new page starts with the menu closed

    # With the keyboard: Enter opens onto the first entry, Tab goes on, Escape closes.
    expect(button).to_be_visible()  # shown once the page's scripts are ready
    button.focus()
    page.keyboard.press("Enter")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link").nth(1)).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert errors == [], errors
    context.close()


def test_on_a_desktop_the_menu_is_always_there(browser, live_server, ctx):
    admin = make_admin()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server + "/admin/login", admin.email)
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    context.close()


def test_the_portal_menu_too(browser, live_server, ctx):
    contact = make_portal_contact(make_customer(company="Atelier Lumière"))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server + "/clients/login", contact.email)
    menu = page.get_by_role("navigation", name="Main menu")
    expect(menu).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(menu.get_by_role("link", name="Profile")).to_be_in_viewport()
    menu.get_by_role("link", name="Profile").click()
    expect(page).to_have_url(live_server + "/clients/profile")
    context.close()


def test_the_customer_tab_strip_shows_the_current_tab(browser, live_server, ctx):
    admin = make_admin()
    customer = make_customer(company="Atelier Lumière")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server + "/admin/login", admin.email)
    page.goto(f"{live_server}/admin/customers/{customer.id}/activity")
    strip = page.get_by_role("navigation", name="Customer sections")
    current = strip.locator("[aria-current=page]")
    expect(current).to_have_text("Activity")
    expect(current).to_be_in_viewport(ratio=0.95)
    assert _inside_the_screen(page, current)
    context.close()
