"""Importing customers in a browser, as a French office does it (and the same in Arabic on a
phone): a 200-row CSV saved by Excel (Windows-1252, semicolons, French titles) with three bad
rows; the columns are recognised, the dry run names the bad rows, the import creates the good
ones; the refused rows come back as a file, are corrected in it, and that file imports."""

from pathlib import Path

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import expect
from sqlalchemy import func, select
from stdnum import luhn

from app.extensions import db
from app.models import Customer
from app.services.imports.reading import iter_rows, read_headers
from tests.browser.conftest import sign_in
from tests.factories import make_user

HEADER = ["Raison sociale", "N° TVA", "Téléphone", "Code postal", "Ville", "Pays", "Prénom",
          "Nom", "E-mail"]  # fmt: skip
GUESSED = ["company", "vat_number", "phone", "zip", "city", "country", "contact_first_name",
           "contact_last_name", "contact_email"]  # fmt: skip
BAD = {50: ("email", "claire.50 chez fromagerie50.example", "claire.50@fromagerie50.example"),
       120: ("vat", None, None), 170: ("country", "Atlantide", "France")}  # fmt: skip
FIRST = ["Claire", "Émile", "Hélène", "François", "Zoé", "Loïc"]


def vat(number: int, wrong: bool = False) -> str:
    """A French VAT number (valid check digits unless `wrong`) for SIREN number `number`."""
    base = f"{40_000_000 + number:08d}"
    siren = base + luhn.calc_check_digit(base)
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{(key + 1) % 97 if wrong else key:02d}{siren}"


def french_row(number: int) -> list[str]:
    first = FIRST[number % len(FIRST)]
    row = [f"Fromagerie Dubois n°{number}", vat(number), f"+33 1 42 {number % 90 + 10} 10 00",
           f"750{number % 20 + 1:02d}", "Paris", "France", first, "Dubois",
           f"claire.{number}@fromagerie{number}.example"]  # fmt: skip
    if number in BAD:
        kind, bad, _good = BAD[number]
        if kind == "email":
            row[8] = bad
        elif kind == "vat":
            row[1] = vat(number, wrong=True)
        else:
            row[5] = bad
    return row


def excel_csv(rows: list[list[str]]) -> bytes:
    """What Excel (French, Windows) saves as "CSV (séparateur : point-virgule)"."""
    lines = [";".join(HEADER)] + [";".join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def words(app, language: str) -> dict:
    with app.test_request_context(), force_locale(language):
        return {
            "import": _("Import"), "file": _("File"), "upload": _("Upload"),
            "check": _("Check the file"), "refused": _("Refused rows"),
            "download": _("Download refused rows (CSV)"), "undo": _("Undo import"),
            "company": _("Company"), "reason": _("Reason"),
        }  # fmt: skip


def upload(page, live_server, w, name: str, data: bytes):
    page.goto(f"{live_server}/admin/customers")
    page.get_by_role("link", name=w["import"], exact=True).click()
    page.get_by_label(w["file"], exact=True).set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    page.get_by_role("button", name=w["upload"]).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()


def counts(page, created: int, refused: int):
    state = page.locator("#import-state")
    expect(state.locator('[data-count="created"]')).to_have_text(str(created), timeout=20_000)
    expect(state.locator('[data-count="refused"]')).to_have_text(str(refused))


@pytest.mark.parametrize(("language", "width"), [("fr", 1280), ("ar", 390)])
def test_a_french_office_imports_its_customers_and_fixes_the_refused_rows(
    app, browser, live_server, ctx, language, width
):
    w = words(app, language)
    staff = make_user(name="Claire", is_admin=True, language=language)
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    upload(page, live_server, w, "clients.csv", excel_csv([french_row(n) for n in range(1, 201)]))
    for n, target in enumerate(GUESSED):  # every column recognised by its French title
        expect(page.locator(f'select[name="column_{n}"]')).to_have_value(target)
    expect(page.get_by_label(HEADER[0], exact=True)).to_have_accessible_description(
        "Fromagerie Dubois n°1 · Fromagerie Dubois n°2 · Fromagerie Dubois n°3"
    )
    page.get_by_role("button", name=w["check"]).click()
    counts(page, created=197, refused=3)
    refused = page.locator(".refused-table tbody tr")
    expect(refused).to_have_count(3)
    for index, (number, text) in enumerate([(51, "E-mail"), (121, "N° TVA"), (171, "Atlantide")]):
        expect(refused.nth(index).locator("td").first).to_have_text(str(number))
        expect(refused.nth(index).locator("td").nth(1)).to_contain_text(text)
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 0  # a dry run
    page.get_by_role("button", name=w["import"], exact=True).click()
    expect(page.get_by_role("button", name=w["undo"])).to_be_visible(timeout=30_000)
    counts(page, created=197, refused=3)

    with page.expect_download() as download:
        page.get_by_role("link", name=w["download"]).click()
    data = Path(download.value.path()).read_bytes()
    assert read_headers(data, "r.csv") == [*HEADER, w["reason"]]
    rows = [cells for _number, cells in iter_rows(data, "r.csv")]
    assert [row[0] for row in rows] == [f"Fromagerie Dubois n°{n}" for n in (50, 120, 170)]
    text = data.decode("utf-8-sig")
    text = text.replace(BAD[50][1], BAD[50][2]).replace(BAD[170][1], BAD[170][2])
    text = text.replace(vat(120, wrong=True), vat(120))
    upload(page, live_server, w, "clients-corriges.csv", text.encode("utf-8-sig"))
    expect(page.locator('select[name="column_9"]')).to_have_value("")  # the reason: not imported
    page.get_by_role("button", name=w["check"]).click()
    counts(page, created=3, refused=0)
    page.get_by_role("button", name=w["import"], exact=True).click()
    expect(page.get_by_role("button", name=w["undo"])).to_be_visible(timeout=30_000)
    counts(page, created=3, refused=0)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 200

    page.goto(f"{live_server}/admin/customers?q=120")
    expect(page.get_by_role("link", name="Fromagerie Dubois n°120", exact=True)).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    assert errors == []
    context.close()
