"""A file to import is read as the person sees it in their spreadsheet, whatever the separator,
encoding or format, or refused with a clear reason (app/services/imports/reading.py)."""

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from app.services.imports.reading import (
    MAX_COLUMNS,
    FileRefused,
    count_rows,
    iter_rows,
    read_headers,
    sniff,
)
from tests.file_samples import image, odf, ooxml

ROWS = [
    ["Company", "City", "Note"],
    ["Boulangerie Émile", "Besançon", "5 €"],
    ["Acme", "Paris", ""],
]


def csv_text(rows, delimiter) -> str:
    return "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"


def workbook(rows, formula_cached: dict | None = None) -> bytes:
    """An XLSX of `rows`; `formula_cached` {"B2": "42"}: the value Excel saved with a formula
    (openpyxl never computes one, so it is written into the sheet's XML as Excel would)."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    if not formula_cached:
        return out.getvalue()
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = content.decode()
                for ref, value in formula_cached.items():
                    xml = re.sub(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?',
                                 rf"\1\2<v>{value}</v>", xml)  # fmt: skip
                content = xml.encode()
            target.writestr(item, content)
    return patched.getvalue()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_is_read_with_its_own_separator(delimiter):
    data = csv_text(ROWS, delimiter).encode()
    assert sniff(data, "clients.csv").delimiter == delimiter
    assert read_headers(data, "clients.csv") == ["Company", "City", "Note"]
    assert list(iter_rows(data, "clients.csv")) == [
        (2, ["Boulangerie Émile", "Besançon", "5 €"]),
        (3, ["Acme", "Paris", ""]),
    ]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_excels_separator_line_is_obeyed_and_not_a_row(bom):
    data = bom + b"sep=;\r\nCompany;Note\r\nAcme;1,5\r\n"
    assert sniff(data, "x.csv").delimiter == ";"
    assert read_headers(data, "x.csv") == ["Company", "Note"]
    assert list(iter_rows(data, "x.csv")) == [(2, ["Acme", "1,5"])]  # as Excel numbers it


def test_a_comma_inside_quotes_does_not_make_a_semicolon_file_a_comma_file():
    data = b'Company;City\r\n"Martin, Fils & Cie";Lyon\r\n"Dupont, SA";Nantes\r\n'
    assert sniff(data, "x.csv").delimiter == ";"
    assert [cells for _n, cells in iter_rows(data, "x.csv")][0] == ["Martin, Fils & Cie", "Lyon"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_or_without_a_bom(bom):
    data = bom + csv_text(ROWS, ";").encode()
    assert sniff(data, "x.csv").encoding == "utf-8-sig"
    assert read_headers(data, "x.csv")[0] == "Company"  # no BOM glued to the first title
    assert next(iter_rows(data, "x.csv"))[1][0] == "Boulangerie Émile"


def test_windows_1252_as_excel_saves_it():
    data = csv_text(ROWS, ";").encode("cp1252")
    assert sniff(data, "x.csv").encoding == "cp1252"
    assert next(iter_rows(data, "x.csv")) == (2, ["Boulangerie Émile", "Besançon", "5 €"])


def test_a_quoted_cell_over_several_lines_is_one_row_and_rows_keep_their_numbers():
    data = (
        'Company,Address\r\n"Acme","1 rue A\r\nBâtiment B"\r\n\r\n,\r\n"Beta","2 rue C"\r\n'
    ).encode()
    assert list(iter_rows(data, "x.csv")) == [
        (2, ["Acme", "1 rue A\r\nBâtiment B"]),
        (5, ["Beta", "2 rue C"]),  # rows 3 and 4 are blank: skipped, still counted
    ]
    assert count_rows(data, "x.csv") == 2


def test_cells_are_stripped_and_short_rows_padded():
    data = b"Company,City,Zip\r\n  Acme  , Paris\r\n"
    assert list(iter_rows(data, "x.csv")) == [(2, ["Acme", "Paris", ""])]


def test_resuming_skips_data_rows_already_done():
    data = csv_text([["Company"], *[[f"C{n}"] for n in range(1, 6)]], ",").encode()
    assert [n for n, _cells in iter_rows(data, "x.csv", start=3)] == [5, 6]


def test_xlsx_cells_are_typed_and_a_formula_gives_its_saved_value():
    data = workbook(
        [
            ["Company", "Balance", "Since", "Active", "Phone", "Total"],
            ["Acme", 1234.5, date(2026, 12, 31), True, 33612345678, "=B2*2"],
            [None, None, None, None, None, None],
            ["  Beta  ", 10, datetime(2026, 1, 2, 9, 30), False, None, None],
        ],
        formula_cached={"F2": "2469"},
    )
    assert sniff(data, "clients.xlsx").kind == "xlsx"
    assert read_headers(data, "clients.xlsx") == [
        "Company", "Balance", "Since", "Active", "Phone", "Total",
    ]  # fmt: skip
    assert list(iter_rows(data, "clients.xlsx")) == [
        (2, ["Acme", Decimal("1234.5"), date(2026, 12, 31), True, 33612345678, 2469]),
        (4, ["Beta", 10, datetime(2026, 1, 2, 9, 30), False, None, None]),
    ]


def test_an_xlsx_renamed_csv_is_still_read_as_a_workbook():
    data = workbook([["Company"], ["Acme"]])
    assert sniff(data, "clients.csv").kind == "xlsx"
    assert list(iter_rows(data, "clients.csv")) == [(2, ["Acme"])]


def _refusal(data: bytes, filename: str = "clients.csv") -> str:
    with pytest.raises(FileRefused) as refused:
        read_headers(data, filename)
    return refused.value.message


def test_an_old_excel_file_is_refused_with_what_to_do():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    assert "XLSX or CSV" in _refusal(data)


@pytest.mark.parametrize(
    "data",
    [
        image("PDF"),  # a real PDF (Pillow writes it)
        image("PNG"),
        "Company\r\nAcme\r\n".encode("utf-16"),
        ooxml("docx"),
        odf("ods"),
        b"PK\x03\x04 a broken zip",
    ],
    ids=["pdf", "png", "utf16", "docx", "ods", "broken-zip"],
)
def test_binary_files_are_neither_csv_nor_xlsx(data):
    assert _refusal(data) == "This file is neither CSV nor XLSX: save it as one of them."


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(data):
    assert _refusal(data) == "This file is empty."


def test_a_file_whose_first_row_is_blank_is_refused():
    assert _refusal(b",,\r\nAcme,Paris,1\r\n") == "Row 1 must name the columns."


def test_a_header_alone_has_no_rows():
    data = b"Company;City\r\n"
    assert read_headers(data, "x.csv") == ["Company", "City"]
    assert list(iter_rows(data, "x.csv")) == []
    assert count_rows(data, "x.csv") == 0


def test_duplicate_titles_are_kept_for_the_mapping_to_sort_out():
    data = b"Email,Company,Email\r\na@x.org,Acme,b@x.org\r\n"
    assert read_headers(data, "x.csv") == ["Email", "Company", "Email"]


def test_too_many_columns_are_refused():
    header = ",".join(f"C{n}" for n in range(MAX_COLUMNS + 1)).encode()
    message = _refusal(header + b"\r\n")
    assert message == f"This file has {MAX_COLUMNS + 1} columns; an import reads at most 100."


def test_text_that_is_neither_utf8_nor_windows_1252_is_refused():
    data = b"Company\r\nAcme\r\n" + b"\x81\x8d\x90"
    assert _refusal(data) == "The file could not be read as text (UTF-8 or Windows-1252)."


def test_refusals_speak_the_readers_language(speaking):
    with speaking("fr"), pytest.raises(FileRefused) as refused:
        read_headers(b"", "x.csv")
    assert refused.value.message == "Ce fichier est vide."
