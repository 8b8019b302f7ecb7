"""Custom fields on tickets in a browser, in English on a desk and in French on a phone: an
administrator adds a required ticket field marked *Show in the client portal*; a contact must
fill it when opening a ticket (refused beside the field first), and staff see it on the ticket."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_customer, make_portal_contact, make_user

WORDS = {
    "en": {"save": "Save", "added": "Custom field added.", "translations": "Translations",
           "label": "Serial number", "subject": "Subject", "message": "Message", "send": "Send",
           "fill": "Fill in this field.", "opened": "Your ticket is open. We will answer soon."},
    "fr": {"save": "Enregistrer", "added": "Champ personnalisé ajouté.",
           "translations": "Traductions", "label": "Numéro de série", "subject": "Objet",
           "message": "Message", "send": "Envoyer", "fill": "Remplissez ce champ.",
           "opened": "Votre ticket est ouvert. Nous vous répondrons bientôt."},
}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("fr", 390)])
def test_a_contact_fills_a_ticket_field_staff_see(browser, live_server, ctx, language, width):
    words = WORDS[language]
    admin = make_user(name="Claire", is_admin=True, language=language)
    contact = make_portal_contact(make_customer(company="Acme", language=language),
                                  first_name="Lou", email="lou@acme.example.com")  # fmt: skip
    errors = []
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", admin.email)
    page.goto(f"{live_server}/admin/settings/custom-fields/new")
    page.locator("#entity_type").select_option("ticket")
    page.locator("#field_type").select_option("text")
    page.locator("#label_en").fill("Serial number")
    page.get_by_text(words["translations"], exact=True).click()
    page.locator("#label_fr").fill("Numéro de série")
    page.locator("#required").check()
    page.locator("#in_portal").check()
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.get_by_text(words["added"])).to_be_visible()

    phone = browser.new_context(viewport={"width": width, "height": 844})
    portal = phone.new_page()
    portal.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(portal, live_server + "/clients/login", contact.email)
    portal.goto(f"{live_server}/clients/tickets/new")
    portal.get_by_label(words["subject"]).fill("Printer on fire")
    portal.get_by_label(words["message"], exact=True).fill("It smokes.")
    portal.get_by_role("button", name=words["send"], exact=True).click()
    expect(portal.locator("#cf_serial_number-error")).to_have_text(words["fill"])
    portal.get_by_label(words["label"]).fill("SN-42")
    portal.get_by_role("button", name=words["send"], exact=True).click()
    expect(portal.get_by_text(words["opened"])).to_be_visible()
    expect(portal.locator("dl.custom-fields")).to_contain_text("SN-42")
    overflow = portal.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    phone.close()

    page.goto(f"{live_server}/admin/tickets")
    page.get_by_role("link", name="Printer on fire").click()
    expect(page.locator("dl.custom-fields")).to_contain_text(words["label"])
    expect(page.locator("dl.custom-fields")).to_contain_text("SN-42")
    assert errors == [], errors
    desk.close()
