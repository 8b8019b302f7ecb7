"""New invoice: choose a customer (EUR, a different shipping address), two lines, save, PDF."""

import re
import subprocess

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_currency, make_customer, make_user


def test_new_invoice_story(browser, live_server, ctx):
    staff = make_user(name="Sam Sales")
    make_currency("USD", symbol="$", is_default=True)
    eur = make_currency("EUR")
    customer = make_customer(
        company="Fromagerie Dubois",
        currency_id=eur.id,
        language="en",
        billing_street="8 rue du Marché",
        billing_city="Tours",
        billing_country="FR",
        shipping_street="2 quai des Halles",
        shipping_city="Blois",
        shipping_country="FR",
    )
    from app.extensions import db
    from app.services.customers.search import reindex_customer

    reindex_customer(customer)
    db.session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Sales").click()
    page.get_by_role("link", name="New invoice").click()
    page.get_by_label("Customer").fill("froma")
    page.get_by_role("link", name="Fromagerie Dubois").click()
    expect(page.locator("#billing_city")).to_have_value("Tours")
    expect(page.locator("#shipping_city")).to_have_value("Blois")
    expect(page.locator("#include_shipping")).to_be_checked()
    expect(page.locator("#currency_id option:checked")).to_have_text("EUR — €")

    page.locator("#items-0-description").fill("Cheese platter")
    page.locator("#items-0-quantity").fill("3")
    page.locator("#items-0-rate").fill("24.50")
    page.get_by_role("button", name="Add a line").click()
    expect(page.locator("#items-1-description")).to_be_visible()
    expect(page.locator("#items-0-description")).to_have_value("Cheese platter")
    page.locator("#items-1-description").fill("Delivery")
    page.locator("#items-1-quantity").fill("1")
    page.locator("#items-1-rate").fill("15")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("Draft invoice saved: it takes its number when issued.")
    ).to_be_visible()  # numbered when issued
    expect(page.locator("table.totals")).to_contain_text("€88.50")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    path = download_info.value.path()
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Invoice Draft" in text and "Cheese platter" in text and "Blois" in text
    assert "€88.50" in text
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.get_by_text("INV-000001 is issued.")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("INV-000001")
    assert errors == [], errors
    context.close()


def test_a_french_rate_updates_the_total_before_saving(browser, live_server, ctx):
    """150,50 typed in French is 150.50: the total shows it as it is typed, and once saved."""
    from app.extensions import db

    staff = make_user(name="Claire Ventes", language="fr")
    eur = make_currency("EUR", is_default=True)
    customer = make_customer(company="Atelier Lumière", currency_id=eur.id, language="fr")
    db.session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/invoices/new?customer={customer.id}")
    totals = page.locator("#document-totals")
    page.locator("#items-0-description").fill("Maquettes")
    page.locator("#items-0-quantity").fill("2")
    page.locator("#items-0-rate").press_sequentially("150,50")
    expect(totals).to_contain_text(re.compile(r"Total\s*301,00\s€"))  # before any save
    page.locator("#items-0-rate").fill("1.800")
    expect(totals).to_contain_text("« 1.800 » peut signifier 1800 ou 1,800")
    page.locator("#items-0-quantity").fill("1")
    page.locator("#items-0-rate").fill("150,50")
    expect(totals).to_contain_text(re.compile(r"Total\s*150,50\s€"))
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        page.get_by_text("Brouillon de facture enregistré\u00a0: il prendra son numéro")
    ).to_be_visible()
    expect(page.locator("table.totals")).to_contain_text(re.compile(r"150,50\s€"))
    assert errors == [], errors
    context.close()
