"""The seed's story in a real browser: Customers -> New customer -> every section -> Save."""

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Customer
from tests.factories import PASSWORD, make_currency, make_group, make_user


def sign_in(page, base, user):
    page.goto(base + "/admin/login")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + "/admin/")


def test_new_customer_story(browser, live_server, ctx, inbox):
    user = make_user(name="Sam Sales")
    make_currency("EUR", is_default=True)
    usd = make_currency("USD", symbol="$")
    make_group(name="VIP")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda m: m.type == "error" and "status of 4" not in m.text and errors.append(m.text),
    )
    sign_in(page, live_server, user)

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Customers").click()
    expect(page.get_by_role("heading", name="Customers")).to_be_visible()
    page.get_by_role("link", name="New customer").first.click()
    expect(page.get_by_role("heading", name="New customer")).to_be_visible()

    # 1. Customer details; a wrong VAT number is flagged as soon as the field is left.
    page.get_by_label("Company").fill("Fromagerie Dubois SAS")
    page.locator("#country").select_option("FR")
    page.get_by_label("VAT number").fill("FR12345678901")
    page.get_by_label("Phone").first.click()
    expect(page.locator("#vat_number-error")).to_contain_text("not valid")
    page.get_by_label("VAT number").fill("FR40303265045")
    page.get_by_label("Phone").first.click()
    expect(page.locator("#vat_number-error")).to_have_count(0)
    page.get_by_label("Phone").first.fill("01 42 68 53 00")
    page.locator("#address").fill("8 rue du Marché")
    page.locator("#city").fill("Tours")
    page.locator("#zip").fill("37000")

    # 2. Primary contact.
    page.get_by_role("tab", name="Primary contact").click()
    page.get_by_label("First name").fill("Élise")
    page.get_by_label("Last name").fill("Dubois")
    page.locator("#contact_email").fill("elise@fromagerie-dubois.example.com")

    # 3. Permissions: support off.
    page.get_by_role("tab", name="Permissions").click()
    page.get_by_label("Support").uncheck()

    # 4. Billing & shipping, with the copy buttons.
    page.get_by_role("tab", name="Billing & shipping").click()
    page.get_by_role("button", name="Same as customer details").click()
    expect(page.locator("#billing_city")).to_have_value("Tours")
    page.get_by_role("button", name="Copy billing to shipping").click()
    expect(page.locator("#shipping_street")).to_have_value("8 rue du Marché")

    # 5. Advanced options.
    page.get_by_role("tab", name="Advanced options").click()
    page.get_by_label("VIP").check()
    page.locator("#currency").select_option(str(usd.id))
    page.locator("#language").select_option("fr")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Customer Fromagerie Dubois SAS created.")).to_be_visible()
    expect(page.get_by_role("heading", name="Fromagerie Dubois SAS")).to_be_visible()
    page.screenshot(path="test-results/customer-page.png", full_page=True)

    db.session.expire_all()
    customer = db.session.scalars(select(Customer)).one()
    assert customer.vat_number == "FR40303265045" and customer.shipping_city == "Tours"
    assert customer.currency_id == usd.id and customer.language == "fr"
    assert [g.name for g in customer.groups] == ["VIP"]
    assert not customer.contacts[0].perm_support and customer.contacts[0].perm_invoices
    assert len(inbox.messages) == 1  # the contact's link to choose a password

    # Find it in the list by typing part of its name.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Customers").click()
    page.get_by_label("Search").fill("froma")
    expect(page).to_have_url(live_server + "/admin/customers?q=froma")
    expect(page.locator("#results")).to_contain_text("1 customer")
    expect(page.get_by_role("link", name="Fromagerie Dubois SAS")).to_be_visible()
    assert errors == [], errors
    context.close()


def test_invalid_submit_opens_the_section_with_the_first_error(browser, live_server, ctx):
    user = make_user()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, user)
    page.goto(live_server + "/admin/customers/new")
    page.get_by_role("tab", name="Advanced options").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#company-error")).to_be_visible()
    expect(page.get_by_role("tab", name="Customer details")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(page.get_by_text("Nothing was saved.")).to_be_visible()
    context.close()


def test_form_is_stacked_on_a_phone(browser, live_server, ctx):
    user = make_user()
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    sign_in(page, live_server, user)
    page.goto(live_server + "/admin/customers/new")
    expect(page.get_by_role("tab", name="Permissions")).to_be_hidden()
    expect(page.get_by_label("Support")).to_be_visible()  # every section shown, one below another
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="test-results/new-customer-phone.png", full_page=True)
    context.close()
