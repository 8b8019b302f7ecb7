"""Inviting a colleague: the line under Role says what the chosen role allows, and follows the
choice as it changes."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_admin


def test_the_role_line_follows_the_choice(browser, live_server, ctx):
    admin = make_admin()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", admin.email)
    page.goto(live_server + "/admin/staff/invite")
    line = page.locator("#role-summary")
    expect(line).to_have_text("")  # no role is chosen for a new colleague
    page.get_by_label("Role").select_option(label="Team member")
    expect(line).to_contain_text("Invoices and payments: Everything, Create, Edit, Delete")
    page.get_by_label("Role").select_option(label="Sales")
    expect(line).to_contain_text("Customers and contacts: Their own, Create, Edit")
    page.get_by_label("Role").select_option(label="Administrator")
    expect(line).to_have_text("Every capability, including settings, staff and roles")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == [], errors
    context.close()
