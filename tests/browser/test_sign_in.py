"""A staff member signs in with a real browser, on a desktop and on a phone-sized screen."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_user

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", SIZES)
def test_sign_in_and_see_the_dashboard(browser, live_server, ctx, size):
    user = make_user(name="Dominique Browser")
    context = browser.new_context(viewport=SIZES[size], locale="en-GB")
    page = context.new_page()
    errors = []
    # The 422 of the wrong password is expected; CSP violations and script errors are not.
    page.on(
        "console",
        lambda msg: (
            msg.type == "error" and "status of 422" not in msg.text and errors.append(msg.text)
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server + "/admin/")
    expect(page).to_have_url(live_server + "/admin/login?next=/admin/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password", exact=True).fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#password-error")).to_have_text("Wrong email or password.")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server + "/admin/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_text("Welcome, Dominique Browser.")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main menu")
    if size == "phone":  # the menu waits behind its button
        page.get_by_role("button", name="Menu").click()
    expect(nav.get_by_role("link", name="Dashboard")).to_be_visible()
    # Nothing overflows the screen sideways, on a phone as on a desktop.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= SIZES[size]["width"]
    page.screenshot(path=f"test-results/dashboard-{size}.png", full_page=True)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(live_server + "/admin/login")
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    assert errors == [], errors  # no CSP violations or script errors
    context.close()


def test_sign_in_page_switches_language(browser, live_server):
    context = browser.new_context(viewport=SIZES["phone"])
    page = context.new_page()
    page.goto(live_server + "/admin/login")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page.get_by_role("heading", name="Connexion au tableau de bord")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    context.close()
