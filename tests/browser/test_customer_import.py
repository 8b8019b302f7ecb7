"""Importing customers in a browser, in English on a desk and in French on a phone: upload a
file, check the guessed columns, read the dry run (one row refused, with its reason), import,
then undo the import."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import Customer
from tests.browser.conftest import sign_in
from tests.factories import make_user
from tests.imports.helpers import csv_bytes
from tests.imports.test_import_rows import ACME, BETA

BAD = ["Bad VAT", "FR00000000000", "FR", "", "", "", "", ""]
WORDS = {
    "en": {"import": "Import", "upload": "Upload", "company": "Company", "check": "Check the file",
           "reason": "VAT: This VAT number is not valid", "undo": "Undo import",
           "undone": "Import undone.", "started": "Import started."},
    "fr": {"import": "Importer", "upload": "Envoyer", "company": "Société",
           "check": "Vérifier le fichier", "reason": "VAT : Ce numéro de TVA",
           "undo": "Annuler l’importation", "undone": "Importation annulée.",
           "started": "Importation lancée."},
}  # fmt: skip


def _count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Customer))


@pytest.mark.parametrize("language, width", [("en", 1280), ("fr", 390)])
def test_staff_import_a_file_and_undo_it(browser, live_server, ctx, language, width):
    words = WORDS[language]
    staff = make_user(name="Claire", is_admin=True, language=language)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/customers")
    page.locator(".page-actions").get_by_role("link", name=words["import"], exact=True).click()
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "customers.csv",
                "mimeType": "text/csv",
                "buffer": csv_bytes([ACME, BETA, BAD]),
            }
        ]  # fmt: skip
    )
    page.get_by_role("button", name=words["upload"]).click()
    expect(page.get_by_role("heading", name="customers.csv")).to_be_visible()
    expect(page.get_by_label("Company", exact=True)).to_have_value("company")
    expect(page.get_by_label("VAT", exact=True)).to_have_value("vat_number")
    page.get_by_role("button", name=words["check"]).click()
    expect(page.locator('[data-count="created"]')).to_have_text("2")
    expect(page.locator('[data-count="refused"]')).to_have_text("1")
    expect(page.locator(".refused-table")).to_contain_text(words["reason"])
    assert _count() == 0

    page.locator(".import-state").get_by_role("button", name=words["import"], exact=True).click()
    expect(page.get_by_text(words["started"])).to_be_visible()
    expect(page.get_by_role("button", name=words["undo"])).to_be_visible()
    assert _count() == 2
    page.get_by_role("button", name=words["undo"]).click()
    expect(page.get_by_text(words["undone"])).to_be_visible()
    assert _count() == 0
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    assert errors == []
    context.close()
