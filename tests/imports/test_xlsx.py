"""Our streaming XLSX reader gives the values openpyxl gives (data_only, read-only), faster, and
refuses XML tricks (app/services/imports/xlsx.py)."""

import io
import zipfile
from datetime import date, datetime, time

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from app.services.imports.reading import FileRefused, iter_rows
from app.services.imports.xlsx import xlsx_rows


def saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def trimmed(row) -> list:
    row = list(row)
    while row and row[-1] is None:
        row.pop()
    return row


def openpyxl_rows(data: bytes) -> list[list]:
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [trimmed(row) for row in book.active.iter_rows(min_row=1, values_only=True)]
    finally:
        book.close()


def varied_book(date1904: bool = False, write_only: bool = False) -> bytes:
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("Clients") if write_only else book.active
    if date1904:
        book.epoch = datetime(1904, 1, 1)
    sheet.append(["Company", "Since", "Balance", "Active", "Note", "Time"])
    sheet.append(["Acme", date(2026, 12, 31), 1234.5, True, None, time(9, 30)])
    sheet.append([])
    sheet.append(["Béta & Cie", datetime(2026, 1, 2, 9, 30), -3, False, "#N/A", None])
    sheet.append([None, None, None, None, "far right"])
    if not write_only:
        sheet["B7"] = 0.1
        sheet["A8"] = CellRichText(["Rich ", TextBlock(InlineFont(b=True), "text")])
        sheet["C8"] = 33612345678
        sheet["B5"].number_format = "dd/mm/yyyy"
        sheet["B5"] = 46000
    return saved(book)


@pytest.mark.parametrize(
    ("date1904", "write_only"), [(False, False), (True, False), (False, True)],
    ids=["shared-strings", "1904-dates", "inline-strings"],
)  # fmt: skip
def test_the_same_values_as_openpyxl(date1904, write_only):
    data = varied_book(date1904, write_only)
    ours = [trimmed(row) for row in xlsx_rows(data)]
    assert ours == openpyxl_rows(data)
    assert ours[1][:4] == ["Acme", datetime(2026, 12, 31), 1234.5, True]


def test_the_active_sheet_is_read_not_the_first():
    book = Workbook()
    book.active.append(["Notes"])
    second = book.create_sheet("Clients")
    second.append(["Company"])
    book.active = 1
    assert list(xlsx_rows(saved(book))) == [["Company"]]


def test_reading_keeps_row_numbers_over_gaps():
    book = Workbook()
    book.active["A1"] = "Company"
    book.active["A5"] = "Acme"
    assert list(iter_rows(saved(book), "x.xlsx")) == [(5, ["Acme"])]


def with_sheet_xml(xml: bytes) -> bytes:
    """A workbook whose sheet is `xml`."""
    source = zipfile.ZipFile(io.BytesIO(saved(Workbook())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, xml if item.filename == "xl/worksheets/sheet1.xml" else content)
    return out.getvalue()


SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "lolololololol">'
    + b"".join(
        b'<!ENTITY a%d "%s">' % (n, (b"&a%d;" % (n - 1) if n > 1 else b"&a;") * 10)
        for n in range(1, 10)
    )
    + b"]>"
)


@pytest.mark.parametrize(
    "xml",
    [
        LAUGHS + SHEET + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is>'
        b"</c></row></sheetData></worksheet>",
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SHEET
        + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
        b"</sheetData></worksheet>",
        SHEET + b'<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>',
    ],
    ids=["entity-bomb", "external-entity", "broken"],
)  # fmt: skip
def test_xml_tricks_and_broken_sheets_are_refused(xml):
    with pytest.raises(FileRefused) as refused:
        list(iter_rows(with_sheet_xml(xml), "x.xlsx"))
    assert refused.value.message == "This file is neither CSV nor XLSX: save it as one of them."


def test_a_sheet_larger_than_the_limit_unzipped_is_refused_before_reading():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 2001))
    data = with_sheet_xml(SHEET + f"<sheetData>{rows}</sheetData></worksheet>".encode())
    assert len(list(xlsx_rows(data))) == 2000
    with pytest.raises(ValueError) as refused:
        next(xlsx_rows(data, limit=10_000))
    assert str(refused.value.__cause__) == "part too large"
