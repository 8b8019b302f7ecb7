"""A proposal: staff write it with formatted text and send it, the contact accepts it in the
portal, staff see it accepted and turn it into an invoice in one click."""

import re

from playwright.sync_api import expect

from app.extensions import db
from app.services.customers.search import reindex_customer
from tests.browser.conftest import sign_in
from tests.factories import (
    make_currency,
    make_customer,
    make_portal_contact,
    make_user,
)


def test_proposal_round_trip(browser, live_server, ctx, inbox):
    staff = make_user(name="Sam Sales")
    eur = make_currency("EUR", is_default=True)
    customer = make_customer(company="Atelier Nord", currency_id=eur.id, billing_city="Lille")
    contact = make_portal_contact(customer, first_name="Inès", email="ines@nord.example.com")
    reindex_customer(customer)
    db.session.commit()
    errors = []

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = desk.new_page()
    admin.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(admin, live_server + "/admin/login", staff.email)
    menu = admin.get_by_role("navigation", name="Main menu")
    menu.get_by_role("link", name="Proposals").click()
    expect(menu.get_by_role("link", name="Proposals")).to_have_attribute("aria-current", "page")
    admin.get_by_role("link", name="New proposal").click()
    admin.get_by_label("Customer").fill("atelier")
    admin.get_by_role("link", name="Atelier Nord").click()
    editor = admin.get_by_role("textbox", name="Proposal text")
    editor.click()
    admin.get_by_role("button", name="Bold").click()
    editor.press_sequentially("A new shop window")
    admin.locator("#items-0-description").fill("Window design")
    admin.locator("#items-0-quantity").fill("1")
    admin.locator("#items-0-rate").fill("1200")
    admin.get_by_role("button", name="Save").click()
    expect(admin.get_by_text("PRO-000001 saved.")).to_be_visible()
    expect(admin).to_have_url(re.compile(r"/admin/proposals/\d+$"))  # the page, not in the form
    expect(admin.locator("header.topbar")).to_have_count(1)
    expect(admin.locator(".proposal-body b")).to_have_text("A new shop window")
    admin.get_by_label("Inès").check()
    admin.get_by_role("button", name="Send with the PDF").click()
    queued = "PRO-000001 will be emailed with its PDF in a moment."
    expect(admin.get_by_text(queued)).to_be_visible()
    assert any(m["To"] == contact.email for m in inbox.messages)
    proposal_url = admin.url

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/clients/login", contact.email)
    page.get_by_role("button", name="Menu").click()  # on a phone the menu waits behind it
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Proposals").click()
    page.get_by_role("link", name="PRO-000001").click()
    expect(page.locator(".proposal-body b")).to_have_text("A new shop window")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Accept the proposal").click()
    expect(page.get_by_text("Thank you: your answer is recorded.")).to_be_visible()
    assert questions == ["Send your answer? It cannot be changed afterwards."]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()

    admin.goto(proposal_url)
    expect(admin.locator("h1")).to_contain_text("Accepted")
    admin.get_by_role("button", name="Convert to invoice").click()
    expect(admin.get_by_text("A draft invoice was created from the proposal.")).to_be_visible()
    expect(admin.locator("table.totals")).to_contain_text("1,200.00")
    assert errors == [], errors
    desk.close()
