"""A staff member opens My profile from the top bar, switches to German and sees the dashboard in
German, on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_a11y_pwa import serious_violations
from tests.factories import make_user

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 800}}


@pytest.mark.parametrize("size", SIZES)
def test_switching_to_german_in_my_profile(browser, live_server, ctx, size):
    user = make_user(name="Robin Profile", language=None)
    context = browser.new_context(viewport=SIZES[size], locale="en-GB")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", user.email)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Robin Profile").click()
    expect(page.get_by_role("heading", name="My profile", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Language").select_option("de")
    page.get_by_label("Time zone").select_option("Europe/Berlin")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Ihr Profil wurde gespeichert.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", name="Mein Profil", exact=True)).to_be_visible()
    page.screenshot(path=f"test-results/my-profile-form-{size}.png", full_page=True)
    if size == "phone":  # the main menu opens from its button
        page.get_by_role("button", name="Menü").click()
    page.get_by_role("link", name="Dashboard").first.click()
    if size == "phone":
        page.get_by_role("button", name="Menü").click()
    nav = page.get_by_role("navigation", name="Hauptmenü")
    expect(nav.get_by_role("link", name="Kunden")).to_be_visible()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= SIZES[size]["width"]
    page.screenshot(path=f"test-results/my-profile-{size}.png")
    assert errors == [], errors
    context.close()
