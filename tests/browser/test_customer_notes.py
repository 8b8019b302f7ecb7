"""Customer notes in a browser, in English on a desk and in Arabic on a phone (right to left):
staff write a formatted note about a contact and pin it, write another, see the pinned one
first, edit the other and find its earlier text kept; the contact's page shows its note."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_contact, make_customer, make_user

WORDS = {
    "en": {"tab": "Notes", "note": "Note", "bold": "Bold", "about": "About",
           "pin": "Pin to the top", "add": "Add note", "added": "Note added.", "pinned": "Pinned",
           "edit": "Edit",
           "save": "Save", "saved": "Note saved.", "earlier": "Earlier texts"},
    "ar": {"tab": "الملاحظات", "note": "ملاحظة", "bold": None, "about": "بخصوص",
           "pin": "التثبيت في الأعلى", "add": "إضافة ملاحظة", "added": "أُضيفت الملاحظة.",
           "pinned": "مثبّتة", "edit": "تعديل", "save": "حفظ", "saved": "تم حفظ الملاحظة.",
           "earlier": "النصوص السابقة"},
}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("ar", 390)])
def test_staff_pin_and_edit_notes(browser, live_server, ctx, language, width):
    words = WORDS[language]
    staff = make_user(name="Claire", is_admin=True, language=language)
    customer = make_customer(company="Fromagerie Dubois")
    anna = make_contact(customer, first_name="Anna", last_name="Dubois")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/customers/{customer.id}")
    page.get_by_role("navigation").get_by_role("link", name=words["tab"], exact=True).click()
    editor = page.get_by_role("textbox", name=words["note"], exact=True)
    editor.click()
    if words["bold"]:
        page.get_by_role("button", name=words["bold"]).click()
    editor.press_sequentially("Prefers calls before 10")
    page.get_by_label(words["about"], exact=True).select_option(label=anna.full_name)
    page.get_by_label(words["pin"]).check()
    page.get_by_role("button", name=words["add"]).click()
    expect(page.get_by_text(words["added"])).to_be_visible()

    editor = page.get_by_role("textbox", name=words["note"], exact=True)
    editor.click()
    editor.press_sequentially("Invoices by post")
    page.get_by_role("button", name=words["add"]).click()
    expect(page.get_by_text(words["added"])).to_be_visible()
    notes = page.locator("ol.notes > li")
    expect(notes).to_have_count(2)
    expect(notes.first).to_contain_text("Prefers calls before 10")
    expect(notes.first.locator(".badge")).to_have_text(words["pinned"])
    if words["bold"]:
        expect(notes.first.locator(".rich-content b, .rich-content strong")).to_have_count(1)

    notes.nth(1).get_by_role("link", name=words["edit"]).click()
    editor = page.get_by_role("textbox", name=words["note"], exact=True)
    editor.click()
    editor.press("End")
    editor.press_sequentially(", never by email")
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.get_by_text(words["saved"])).to_be_visible()
    expect(page.locator("ol.notes > li").nth(1)).to_contain_text("Invoices by post, never by email")
    page.locator("ol.notes > li").nth(1).locator(".note-meta a").click()
    history = page.locator("#note-history")
    expect(history.get_by_role("heading", name=words["earlier"])).to_be_visible()
    expect(history).to_contain_text("Invoices by post")
    expect(history).not_to_contain_text("never by email")

    page.goto(f"{live_server}/admin/customers/{customer.id}/contacts/{anna.id}")
    expect(page.locator("#contact-notes")).to_contain_text("Prefers calls before 10")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    assert errors == []
    context.close()
