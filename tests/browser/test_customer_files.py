"""Customer files in a browser, in English on a desk and in French on a phone: staff upload a
file on the customer's Files tab, share it, and the customer's contact downloads it from the
portal's Files page (the same bytes, as a download)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_customer, make_portal_contact, make_user
from tests.file_samples import PDF

WORDS = {
    "en": {"tab": "Files", "file": "File", "description": "Description", "upload": "Upload",
           "added": "File added.", "share": "Share with the customer",
           "shared": "File shared with the customer.", "visible": "Staff and customer",
           "menu": "Menu"},
    "fr": {"tab": "Fichiers", "file": "Fichier", "description": "Description", "upload": "Envoyer",
           "added": "Fichier ajouté.", "share": "Partager avec le client",
           "shared": "Fichier partagé avec le client.", "visible": "Équipe et client",
           "menu": "Menu"},
}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("fr", 390)])
def test_staff_share_a_file_and_the_contact_downloads_it(browser, live_server, ctx, tmp_path,
                                                         language, width):  # fmt: skip
    words = WORDS[language]
    staff = make_user(name="Claire", is_admin=True, language=language)
    customer = make_customer(company="Fromagerie Dubois", language=language)
    contact = make_portal_contact(customer, first_name="Anna", perm_files=True)
    upload = tmp_path / "conditions-2027.pdf"
    upload.write_bytes(PDF)
    errors = []
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/customers/{customer.id}")
    page.get_by_role("navigation").get_by_role("link", name=words["tab"], exact=True).click()
    page.get_by_label(words["file"], exact=True).set_input_files(str(upload))
    page.get_by_label(words["description"], exact=True).fill("Conditions 2027, signed")
    page.get_by_role("button", name=words["upload"]).click()
    expect(page.get_by_text(words["added"])).to_be_visible()
    row = page.locator("table.files-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("conditions-2027.pdf")
    row.get_by_role("button", name=words["share"]).click()
    expect(page.get_by_text(words["shared"])).to_be_visible()
    expect(page.locator("table.files-table tbody tr")).to_contain_text(words["visible"])
    page.screenshot(path=f"test-results/customer-files-{language}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.clear_cookies()

    sign_in(page, live_server + "/clients/login", contact.email)
    if width < 800:
        page.get_by_role("button", name=words["menu"]).click()
    page.get_by_role("link", name=words["tab"], exact=True).first.click()
    listed = page.locator("table.files-table tbody tr")
    expect(listed).to_contain_text("Conditions 2027, signed")
    with page.expect_download() as caught:
        listed.get_by_role("link", name="conditions-2027.pdf").click()
    download = caught.value
    assert download.suggested_filename == "conditions-2027.pdf"
    assert Path(download.path()).read_bytes() == PDF
    page.screenshot(path=f"test-results/portal-files-{language}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert errors == [], errors
    context.close()
