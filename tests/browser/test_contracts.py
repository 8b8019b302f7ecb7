"""Staff write and send a contract, the contact signs it in the portal, staff see it signed."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_a11y_pwa import serious_violations
from tests.factories import (
    make_currency,
    make_customer,
    make_portal_contact,
    make_user,
)


def test_contract_round_trip(browser, live_server, ctx, inbox):
    make_currency("EUR", is_default=True)
    staff = make_user(name="Sam Sales", is_admin=True)
    customer = make_customer(company="Acme")
    contact = make_portal_contact(customer, first_name="Lou", last_name="Martin",
                           email="lou@acme.example.com")  # fmt: skip
    errors = []

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    admin_page = desk.new_page()
    admin_page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(admin_page, live_server + "/admin/login", staff.email)
    admin_page.goto(f"{live_server}/admin/customers/{customer.id}")
    admin_page.get_by_role("navigation", name="Customer sections").get_by_role(
        "link", name="Contracts"
    ).click()
    admin_page.get_by_role("link", name="New contract").click()
    assert serious_violations(admin_page) == []
    admin_page.get_by_label("Subject").fill("Website maintenance")
    admin_page.get_by_label("Contract value").fill("1200")
    editor = admin_page.get_by_role("textbox", name="Content")  # the rich-text editor
    editor.click()
    admin_page.get_by_role("button", name="Heading").click()
    editor.press_sequentially("Scope")
    editor.press("Enter")
    editor.press_sequentially("We keep your ")
    admin_page.get_by_role("button", name="Bold").click()
    editor.press_sequentially("site")
    admin_page.get_by_role("button", name="Save").click()
    expect(admin_page.get_by_text("Contract saved.")).to_be_visible()
    admin_page.get_by_role("button", name="Send to the customer").click()
    expect(admin_page.get_by_text("Contract sent to lou@acme.example.com.")).to_be_visible()
    contract_url = admin_page.url
    assert serious_violations(admin_page) == []
    assert any(m["To"] == contact.email for m in inbox.messages)

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/clients/login", contact.email)
    page.get_by_role("button", name="Menu").click()  # on a phone the menu waits behind it
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Contracts").click()
    page.get_by_role("link", name="Website maintenance").click()
    expect(page.locator(".contract-content b")).to_have_text("site")
    expect(page.locator(".contract-content h3")).to_have_text("Scope")
    assert serious_violations(page) == []
    page.get_by_label("Your full name").fill("Lou Martin")
    page.get_by_label("I have read this contract and accept it.").check()
    page.get_by_role("button", name="Sign the contract").click()
    expect(page.get_by_text("Thank you: the contract is signed.")).to_be_visible()
    expect(page.get_by_label("Your full name")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="test-results/portal-contract-phone.png", full_page=True)
    phone.close()

    admin_page.goto(contract_url)
    expect(admin_page.locator(".signature")).to_contain_text("Lou Martin")
    expect(admin_page.get_by_role("link", name="Edit")).to_have_count(0)
    expect(admin_page.get_by_role("button", name="Renew")).to_be_visible()
    assert any(m["To"] == staff.email and "signed" in m["Subject"] for m in inbox.messages)
    for path in ("/admin/contracts", "/admin/settings/contracts", "/admin/"):
        admin_page.goto(live_server + path)
        assert serious_violations(admin_page) == [], path
    assert errors == [], errors
    desk.close()
