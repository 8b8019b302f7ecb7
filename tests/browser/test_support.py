"""A contact opens a ticket from a phone, staff answer from the dashboard, the contact sees it."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_customer, make_portal_contact, make_user


def test_ticket_round_trip(browser, live_server, ctx, inbox):
    staff = make_user(name="Sam Sales", is_admin=True)
    contact = make_portal_contact(
        make_customer(company="Acme"), first_name="Lou", email="lou@acme.example.com"
    )
    errors = []

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/clients/login", contact.email)
    page.get_by_role("button", name="Menu").click()  # on a phone the menu waits behind it
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Support").click()
    page.get_by_role("link", name="Open a ticket").first.click()
    page.get_by_label("Subject").fill("Invoice address is wrong")
    page.get_by_label("Message").fill("Please use our new address.\nThanks!")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Your ticket is open. We will answer soon.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ticket_url = page.url

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    admin_page = desk.new_page()
    admin_page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(admin_page, live_server + "/admin/login", staff.email)
    admin_page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Support"
    ).click()
    admin_page.get_by_role("link", name="Invoice address is wrong").click()
    admin_page.get_by_label("Your reply").fill("Done, the next invoice uses it.")
    admin_page.get_by_role("button", name="Send").click()
    expect(admin_page.get_by_text("Reply sent.")).to_be_visible()
    desk.close()

    page.goto(ticket_url)
    expect(page.get_by_text("Done, the next invoice uses it.")).to_be_visible()
    expect(page.get_by_text("Answered")).to_be_visible()
    page.screenshot(path="test-results/portal-ticket-phone.png", full_page=True)
    assert any(m["To"] == contact.email and "reply" in m["Subject"].lower() for m in inbox.messages)
    assert errors == [], errors
    phone.close()
