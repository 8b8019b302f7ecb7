"""Personal data in a browser, in English on a desk and in French on a phone: a contact asks in
the portal for their data to be erased, an administrator sees the request under Settings →
Personal data requests and erases; the contact's name is gone from the page and the log."""

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Contact
from tests.browser.conftest import sign_in
from tests.factories import make_admin, make_customer, make_portal_contact

WORDS = {
    "en": {"ask": "Ask for my data to be erased", "sent": "Your request is sent.",
           "asked": "for your data to be erased", "requests": "Personal data requests",
           "requested": "Requested", "erase": "Erase", "erased": "personal data is erased",
           "done": "Done", "download": "Download my data"},
    "fr": {"ask": "Demander l'effacement de mes données", "sent": "Votre demande est envoyée.",
           "asked": "l'effacement de vos données",
           "requests": "Demandes sur les données personnelles",
           "requested": "Demandée", "erase": "Effacer", "erased": "données personnelles du contact",
           "done": "Traitée", "download": "Télécharger mes données"},
}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("fr", 390)])
def test_a_contact_asks_and_an_administrator_erases(browser, live_server, ctx, language, width):
    words = WORDS[language]
    customer = make_customer(company="Fromagerie Dubois", language=language)
    anna = make_portal_contact(customer, first_name="Anna", last_name="Dubois",
                               email="anna@dubois.example")  # fmt: skip
    admin = make_admin(name="Ada", language=language)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())

    sign_in(page, live_server + "/clients/login", anna.email)
    page.goto(live_server + "/clients/profile")
    section = page.locator("#my-personal-data")
    expect(section.get_by_role("button", name=words["download"])).to_be_visible()
    section.get_by_role("link", name=words["ask"]).click()
    page.get_by_role("button", name=words["ask"]).click()
    expect(page.get_by_text(words["sent"])).to_be_visible()
    expect(page.locator("#my-personal-data")).to_contain_text(words["asked"])
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the portal page scrolls sideways"
    context.clear_cookies()

    sign_in(page, live_server + "/admin/login", admin.email)
    page.goto(live_server + "/admin/settings/")
    page.get_by_role("link", name=words["requests"]).click()
    row = page.locator("#privacy-requests tbody tr").first
    expect(row).to_contain_text("Anna Dubois")
    expect(row).to_contain_text(words["requested"])
    row.get_by_role("button", name=words["erase"], exact=True).click()
    expect(page.get_by_text(words["erased"])).to_be_visible()
    row = page.locator("#privacy-requests tbody tr").first
    expect(row).to_contain_text(words["done"])
    expect(page.locator("#privacy-requests")).not_to_contain_text("Anna")
    assert errors == []
    context.close()
    db.session.expire_all()
    assert db.session.get(Contact, anna.id).email == f"erased-{anna.id}@invalid"
