"""Staff filter the invoice list and download it as XLSX and CSV from its export menu, in
English and in German: the files hold the filtered invoices only, numbers as numbers (XLSX)
and written the reader's way (CSV: `;` and decimal commas in German)."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import Payment
from app.services.sales.service import ItemInput
from tests.browser.conftest import sign_in
from tests.factories import make_currency, make_customer, make_document, make_user

WORDS = {
    "en": {"paid": "Paid", "invoices": "Invoices", "csv": "Export CSV", "total": "Total",
           "delimiter": ",", "amount": "1234.50"},
    "de": {"paid": "Bezahlt", "invoices": "Rechnungen", "csv": "CSV exportieren",
           "total": "Gesamt", "delimiter": ";", "amount": "1234,50"},
}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("de", 390)])
def test_staff_export_the_filtered_invoice_list(browser, live_server, ctx, language, width):
    words = WORDS[language]
    make_currency("EUR", is_default=True)
    staff = make_user(name="Claire", is_admin=True, language=language)
    paid = make_document(make_customer(company="Fromagerie Dubois"), status="unpaid",
                         lines=[ItemInput("Cheese", Decimal(1), Decimal("1234.5"))])  # fmt: skip
    db.session.add(Payment(document_id=paid.id, amount=paid.total, paid_on=paid.issue_date,
                           mode="cash"))  # fmt: skip
    paid.amount_paid, paid.status = paid.total, "paid"
    db.session.commit()
    make_document(make_customer(company="Boulangerie"), status="unpaid")
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/invoices")
    page.get_by_label("Status").select_option(label=words["paid"])
    menu = page.locator(".export-menu li").first
    expect(menu.get_by_role("link", name="Excel (XLSX)")).to_have_attribute(
        "href", "/admin/invoices/export.xlsx?status=paid"
    )
    expect(menu).to_contain_text(words["invoices"])

    with page.expect_download() as download_info:
        menu.get_by_role("link", name="Excel (XLSX)").click()
    assert download_info.value.suggested_filename == "invoices.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(download_info.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == "Fromagerie Dubois"
    total = rows[0].index(words["total"])
    assert rows[1][total] == 1234.5  # a number a spreadsheet adds up

    with page.expect_download() as download_info:
        menu.get_by_role("link", name=words["csv"]).click()
    assert download_info.value.suggested_filename == "invoices.csv"
    with open(download_info.value.path(), encoding="utf-8-sig") as file:
        rows = list(csv.reader(file, delimiter=words["delimiter"]))
    assert len(rows) == 2 and rows[1][1] == "Fromagerie Dubois"
    assert rows[1][total] == words["amount"]
    assert errors == []
    context.close()
