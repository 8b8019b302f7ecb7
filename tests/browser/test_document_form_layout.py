"""New invoice / New estimate: after picking the customer the page keeps its top bar, menu and
title, on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.services.customers.search import reindex_customer
from tests.browser.conftest import sign_in
from tests.factories import make_currency, make_customer, make_user


@pytest.mark.parametrize("width", [1280, 390])
def test_the_layout_survives_picking_a_customer(browser, live_server, ctx, width):
    staff = make_user()
    eur = make_currency("EUR", is_default=True)
    customer = make_customer(company="Fromagerie Dubois", currency_id=eur.id, billing_city="Tours")
    reindex_customer(customer)
    db.session.commit()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)
    for kind, title in (("invoices", "New invoice"), ("estimates", "New estimate")):
        page.goto(f"{live_server}/admin/{kind}/new")
        page.get_by_label("Customer").fill("froma")
        page.get_by_role("link", name="Fromagerie Dubois").click()
        expect(page.locator("#billing_city")).to_have_value("Tours")
        expect(page.locator("header.topbar")).to_be_visible()
        expect(page.locator("nav#main-menu")).to_be_attached()
        menu_button = page.get_by_role("button", name="Menu")
        if width < 900:  # the menu waits behind its button
            expect(menu_button).to_be_visible()
        else:
            expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
        expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
        expect(page).to_have_title(f"{title} · Comptoir")
        assert page.locator("header.topbar").count() == 1  # not a page inside the page
    assert errors == [], errors
    context.close()
