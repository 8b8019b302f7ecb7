"""A monthly recurring invoice: choose the customer, a line, save; the billing run makes its
first invoice, which the profile's page lists and which links back to the profile."""

from datetime import date

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_currency, make_customer, make_user


def test_monthly_recurring_invoice_story(browser, live_server, ctx):
    from app.extensions import db
    from app.services.customers.search import reindex_customer
    from app.services.recurring.run import run_due

    staff = make_user(name="Sam Sales")
    eur = make_currency("EUR", is_default=True)
    customer = make_customer(company="Fromagerie Dubois", currency_id=eur.id, language="en")
    reindex_customer(customer)
    db.session.commit()
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(live_server + "/admin/invoices")
    page.get_by_role("link", name="Recurring invoices").click()
    page.get_by_role("link", name="New recurring invoice").click()
    page.get_by_label("Customer").fill("froma")
    page.get_by_role("link", name="Fromagerie Dubois").click()
    page.locator("#interval_count").fill("0")
    page.locator("#items-0-description").fill("Cheese subscription")
    page.locator("#items-0-quantity").fill("1")
    page.locator("#items-0-rate").fill("49.90")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter a whole number from 1 to 365.")).to_be_visible()
    page.locator("#interval_count").fill("1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Recurring invoice saved.")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Active")
    expect(page.get_by_text("Every month")).to_be_visible()

    assert run_due(date.today()).created == 1  # what the worker does hourly
    page.reload()
    page.locator("section.panel").get_by_role("link", name="Draft").click()
    expect(page.get_by_text("Created from recurring invoice:")).to_be_visible()
    expect(page.get_by_text("Cheese subscription")).to_be_visible()
    page.get_by_role("link", name="Every month · Fromagerie Dubois").click()
    expect(page.locator("dd.next-date")).not_to_have_text("—")
    assert errors == []
