"""Exports a local spreadsheet opens: CSV in the reader's convention (`;` and decimal commas in
French, German and Spanish; `,` and points in English), the other one on the export menu, UTF-8
with a BOM, the formula guard on every dangerous cell; XLSX with text typed as text."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from app.exports import formula_guard, strip_formula_guard
from app.services.sales.service import ItemInput
from tests.factories import make_contact, make_customer, make_document, make_group, make_user

EVIL = "ACME;=cmd|' /C calc'!A0"
FORMULA = '=HYPERLINK("http://evil.example")'
RANGE = "?range=custom&from=2026-01-01&to=2026-12-31"
CONVENTION = {"en": (",", "."), "fr": (";", ","), "de": (";", ","), "es": (";", ",")}


@pytest.fixture
def customers(ctx):
    agencies = make_group(name="Agences")
    make_customer(company=EVIL, groups=[agencies], city="Lyon", country="FR")
    make_contact(make_customer(company=FORMULA), first_name="-Ann", email="ann@example.com")
    make_customer(company="+33 Plus", vat_number="@FR123")
    return agencies


def read_csv(response, delimiter: str) -> list[list[str]]:
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")  # UTF-8 with a BOM
    return list(csv.reader(io.StringIO(body[1:]), delimiter=delimiter))


def read_xlsx(response):
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    return [list(row) for row in sheet.iter_rows()]


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_customer_csv_follows_the_readers_convention_and_guards_formulas(
    client, customers, login_as, language
):
    login_as(make_user(language=language))
    delimiter, _decimal = CONVENTION[language]
    response = client.get("/admin/customers/export.csv?sort=company")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    raw = response.get_data(as_text=True)
    assert f'"{EVIL}"' in raw  # quoted: its ";" never starts a new cell, whatever the separator
    rows = read_csv(response, delimiter)
    assert len(rows[0]) == 27 and all(len(row) == 27 for row in rows)
    by_company = {row[0]: row for row in rows[1:]}
    assert set(by_company) == {EVIL, "'" + FORMULA, "'+33 Plus"}
    assert by_company["'" + FORMULA][6].startswith("'-Ann ")  # the contact's name, guarded
    assert by_company["'+33 Plus"][1] == "'@FR123"
    assert by_company[EVIL][8] == "Agences" and by_company[EVIL][5] == "FR"
    assert date.fromisoformat(by_company[EVIL][12]) == date.today()
    # The future importer takes the guard off again and gets what was typed.
    assert {strip_formula_guard(company) for company in by_company} == {EVIL, FORMULA, "+33 Plus"}


@pytest.mark.parametrize(("language", "other"), [("en", ";"), ("fr", ","), ("es", ",")])
def test_the_export_menu_offers_the_other_convention(client, customers, login_as, language,
                                                     other):  # fmt: skip
    login_as(make_user(language=language))
    page = client.get("/admin/customers").get_data(as_text=True)
    separator = "semicolon" if other == ";" else "comma"
    assert f"/admin/customers/export.csv?separator={separator}" in page
    assert "/admin/customers/export.xlsx" in page
    response = client.get(f"/admin/customers/export.csv?separator={separator}")
    rows = read_csv(response, other)
    assert len(rows) == 4 and all(len(row) == 27 for row in rows)
    assert EVIL in [row[0] for row in rows]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_customer_xlsx_types_text_as_text(client, customers, login_as, language):
    login_as(make_user(language=language))
    response = client.get("/admin/customers/export.xlsx?sort=company")
    assert response.status_code == 200
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["Cache-Control"] == "private, no-store"
    rows = read_xlsx(response)
    assert rows[0][0].value == ("Company" if language == "en" else "Société")
    cells = {row[0].value: row for row in rows[1:]}
    assert set(cells) == {EVIL, FORMULA, "+33 Plus"}  # exactly as typed: no guard needed
    for company in (EVIL, FORMULA, "+33 Plus"):
        assert cells[company][0].data_type == "s"  # a string, never a formula
    assert cells[FORMULA][6].value.startswith("-Ann") and cells[FORMULA][6].data_type == "s"
    created = cells[EVIL][12]
    assert created.is_date and created.value.date() == date.today()


@pytest.fixture
def invoiced(ctx):
    group = make_group(name="Ñandú & Co")
    customer = make_customer(company="Atelier", groups=[group])
    make_document(customer, status="unpaid",
                  lines=[ItemInput("Design", Decimal(1), Decimal("1234.5"))])  # fmt: skip
    make_document(make_customer(company="Solo"), status="unpaid",
                  lines=[ItemInput("Audit", Decimal(3), Decimal("1.5"))])  # fmt: skip


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_groups_report_csv_writes_numbers_the_local_way(client, invoiced, login_as, language):
    login_as(make_user(language=language))
    delimiter, decimal = CONVENTION[language]
    rows = read_csv(client.get(f"/admin/reports/customer-groups.csv{RANGE}"), delimiter)
    assert len(rows[0]) == 9
    group = next(row for row in rows if row[1] == "Ñandú & Co")
    assert group[0] == "EUR" and group[2:4] == ["1", "1"]
    assert group[4] == f"1234{decimal}50"  # invoiced, no grouping a spreadsheet would misread
    assert group[5] == f"0{decimal}00"
    assert group[8] == f"99{decimal}6"  # share of revenue, percent
    other = "semicolon" if delimiter == "," else "comma"
    swapped = read_csv(
        client.get(f"/admin/reports/customer-groups.csv{RANGE}&separator={other}"),
        ";" if delimiter == "," else ",",
    )
    assert next(row for row in swapped if row[1] == "Ñandú & Co")[4] in ("1234.50", "1234,50")
    assert next(row for row in swapped if row[1] == "Ñandú & Co")[4] != group[4]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_groups_report_xlsx_has_real_numbers(client, invoiced, login_as, language):
    login_as(make_user(language=language))
    page = client.get(f"/admin/reports/customer-groups{RANGE}").get_data(as_text=True)
    assert "/admin/reports/customer-groups.xlsx?" in page
    rows = read_xlsx(client.get(f"/admin/reports/customer-groups.xlsx{RANGE}"))
    group = next(row for row in rows if row[1].value == "Ñandú & Co")
    assert group[4].data_type == "n" and Decimal(str(group[4].value)) == Decimal("1234.5")
    assert group[4].number_format == "#,##0.00"
    assert group[2].value == 1 and group[0].value == "EUR"


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+33 1 23", "-5", "@SUM(A1)", "\tx", "\rx", "'=already", "''+x", "'", "plain", "",
     "a=b", "-", "'plain"],
)  # fmt: skip
def test_the_formula_guard_comes_off_exactly(text):
    guarded = formula_guard(text)
    assert strip_formula_guard(guarded) == text
    if text.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r"):
        assert guarded.startswith("'")
    else:
        assert guarded == text
