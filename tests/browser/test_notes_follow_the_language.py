"""New invoice: choosing another language swaps the untouched notes and terms for that
language's defaults at once, in the page; text someone typed stays."""

from playwright.sync_api import expect

from app.extensions import db
from app.services.sales.finance import save_document_texts
from tests.browser.conftest import sign_in
from tests.factories import make_currency, make_customer, make_user


def test_notes_and_terms_follow_the_chosen_language(browser, live_server, ctx):
    staff = make_user()
    make_currency("EUR", is_default=True)
    customer = make_customer(company="Fromagerie Dubois", language="en")
    save_document_texts("invoice", "en", "Thank you.", "Payment within 30 days.")
    save_document_texts("invoice", "fr", "Merci.", "Paiement à 30 jours.")
    save_document_texts("invoice", "de", "Danke.", "Zahlbar in 30 Tagen.")
    db.session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)
    page.goto(f"{live_server}/admin/invoices/new?customer={customer.id}")
    notes, terms = page.get_by_label("Notes"), page.get_by_label("Terms")
    expect(notes).to_have_value("Thank you.")
    page.get_by_label("Language").select_option("fr")
    expect(notes).to_have_value("Merci.")
    expect(terms).to_have_value("Paiement à 30 jours.")
    page.get_by_label("Notes").fill("Livré lundi.")
    page.get_by_label("Language").select_option("de")
    expect(terms).to_have_value("Zahlbar in 30 Tagen.")
    expect(page.get_by_label("Notes")).to_have_value("Livré lundi.")
    assert errors == [], errors
    context.close()
