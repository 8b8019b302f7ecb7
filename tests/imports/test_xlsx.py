"""A workbook is read by openpyxl as the person sees it in Excel (typed cells, the active sheet,
dates on either calendar, rich text, error values, a formula's saved value), and a broken workbook,
an XML trick or a zip bomb is refused (app/services/imports/reading.py)."""

import io
import zipfile
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from app.services.imports.reading import (
    MAX_UNZIPPED,
    FileRefused,
    iter_rows,
    read_headers,
    unzipped_size,
)

NEITHER = "This file is neither CSV nor XLSX: save it as one of them."


def saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
def test_cells_are_read_as_excel_shows_them(date1904, write_only):
    data = varied_book(date1904, write_only)
    assert read_headers(data, "x.xlsx") == ["Company", "Since", "Balance", "Active", "Note", "Time"]
    rows = dict(iter_rows(data, "x.xlsx"))
    assert rows[2] == ["Acme", date(2026, 12, 31), Decimal("1234.5"), True, None, "09:30:00"]
    assert rows[4] == ["Béta & Cie", datetime(2026, 1, 2, 9, 30), -3, False, "#N/A", None]
    assert rows[5][4] == "far right"
    if not write_only:
        # 46000 shown as a date: day 46000 of the workbook's calendar (1900, or 1904 on old Macs)
        assert rows[5][1] == (date(2029, 12, 10) if date1904 else date(2025, 12, 9))
        assert rows[7][1] == Decimal("0.1")
        assert rows[8][:3] == ["Rich text", None, 33612345678]


def test_the_active_sheet_is_read_not_the_first():
    book = Workbook()
    book.active.append(["Notes"])
    second = book.create_sheet("Clients")
    second.append(["Company"])
    second.append(["Acme"])
    book.active = 1
    assert list(iter_rows(saved(book), "x.xlsx")) == [(2, ["Acme"])]


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
    assert refused.value.message == NEITHER


def test_a_sheet_whose_declared_size_is_wrong_is_still_read_whole():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 2001))
    xml = (
        SHEET + b'<dimension ref="A1:A3"/>' + f"<sheetData>{rows}</sheetData></worksheet>".encode()
    )
    assert len(list(iter_rows(with_sheet_xml(xml), "x.xlsx"))) == 1999


def bomb(data: bytes, size: int) -> bytes:
    """`data` with one more part: `size` zero bytes, deflated (a few hundred KB)."""
    out = io.BytesIO(data)
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/media/zeros.bin", "w", force_zip64=True) as part,
    ):
        for _n in range(size // len(chunk)):
            part.write(chunk)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_reading():
    """The sizes a workbook's parts declare unzipped add up past MAX_UNZIPPED: refused from the
    zip's directory, nothing inflated."""
    data = bomb(varied_book(), MAX_UNZIPPED + 1024 * 1024)
    assert len(data) < 5_000_000 and unzipped_size(data) > MAX_UNZIPPED
    with pytest.raises(FileRefused) as refused:
        read_headers(data, "x.xlsx")
    assert refused.value.message == NEITHER
    small = bomb(varied_book(), 4 * 1024 * 1024)  # the same, smaller: read
    assert read_headers(small, "x.xlsx")[0] == "Company"
