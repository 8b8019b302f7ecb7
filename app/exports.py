"""Spreadsheet files a local spreadsheet opens as they are: CSV in the reader's convention
(`;` and decimal commas where the decimal sign is a comma, `,` and points elsewhere; UTF-8 with
a BOM) and XLSX, both from the same rows of typed cells (text, numbers, dates).

Text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
return) gets the formula guard, a leading apostrophe, whatever the separator; every text cell
is quoted, so a separator inside it (`ACME;=cmd|…`) never starts a new cell, whichever separator
the spreadsheet guesses. `strip_formula_guard` undoes the guard exactly, for an importer.
"""

import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from babel.numbers import get_decimal_symbol
from flask import Response, request, stream_with_context
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from app.downloads import download_response
from app.extensions import db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
BATCH = 1000  # rows read at a time: an export of any size holds one batch in memory
BOM = "\ufeff"  # spreadsheets then read the file as UTF-8
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class CsvStyle:
    key: str
    delimiter: str
    decimal: str
    label: object


CSV_STYLES = {
    "semicolon": CsvStyle("semicolon", ";", ",", _l("CSV (semicolons, decimal commas)")),
    "comma": CsvStyle("comma", ",", ".", _l("CSV (commas, decimal points)")),
}


def formula_guard(text: str) -> str:
    """`text` as a spreadsheet shows it and never runs it: a leading apostrophe before =, +, -,
    @, tab or CR (and before apostrophes already there, so the guard can be taken off again)."""
    return GUARD + text if text.lstrip(GUARD)[:1] in FORMULA_STARTS else text


def strip_formula_guard(text: str) -> str:
    """The text `formula_guard` was given: strip_formula_guard(formula_guard(t)) == t."""
    guarded = text[:1] == GUARD and text.lstrip(GUARD)[:1] in FORMULA_STARTS
    return text[1:] if guarded else text


def default_csv_style(locale: str) -> CsvStyle:
    """Semicolons and decimal commas where the locale writes 1,5 (fr, de, es), else commas."""
    return CSV_STYLES["semicolon" if get_decimal_symbol(locale) == "," else "comma"]


def csv_style(requested: str | None, locale: str) -> CsvStyle:
    """The style asked for on the export menu, else the reader's locale's."""
    return CSV_STYLES.get(requested or "") or default_csv_style(locale)


def other_csv_style(locale: str) -> CsvStyle:
    """The style the export menu offers besides the locale's own."""
    default = default_csv_style(locale)
    return next(style for style in CSV_STYLES.values() if style is not default)


def _is_number(value) -> bool:
    return isinstance(value, int | Decimal | float) and not isinstance(value, bool)


def _csv_cell(value, style: CsvStyle) -> str:
    if value is None:
        return ""
    if _is_number(value):
        return format(value, "d" if isinstance(value, int) else "f").replace(".", style.decimal)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0).isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()  # every spreadsheet reads ISO dates as dates
    text = formula_guard(str(value))
    return '"' + text.replace('"', '""') + '"'


def csv_line(cells: Sequence, style: CsvStyle) -> str:
    """One CSV record: text quoted and guarded, numbers and dates bare."""
    return style.delimiter.join(_csv_cell(value, style) for value in cells) + "\r\n"


def csv_chunks(header: Sequence, batches: Iterable[Iterable[Sequence]], style: CsvStyle):
    """The CSV file, BOM and header first, one string per batch of rows (for streaming)."""
    yield BOM + csv_line([str(h) for h in header], style)
    for batch in batches:
        yield "".join(csv_line(row, style) for row in batch)


def _xlsx_cell(sheet, value):
    if value is None:
        return WriteOnlyCell(sheet, value=None)
    if not (_is_number(value) or isinstance(value, date)):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        cell.data_type = "s"  # a text cell, even "=cmd|…": openpyxl would store a formula
        return cell
    if isinstance(value, datetime) and value.tzinfo:
        value = value.replace(tzinfo=None)  # Excel has no time zones
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, Decimal) and value.as_tuple().exponent < 0:
        cell.number_format = "#,##0." + "0" * -value.as_tuple().exponent
    return cell


def xlsx_bytes(header: Sequence, batches: Iterable[Iterable[Sequence]], title: str) -> bytes:
    """The same rows as an XLSX workbook of one sheet: text typed as text, numbers as numbers."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE_FORBIDDEN.sub("", title)[:31] or "Export")
    sheet.append([_xlsx_cell(sheet, str(h)) for h in header])
    for batch in batches:
        for row in batch:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def in_batches(ids: list[int], rows_of: Callable[[list[int]], list[list]]) -> Iterator[list[list]]:
    """The rows of `ids`, BATCH at a time (`rows_of(chunk)`: a few queries a batch, never one a
    row), each batch let go of before the next is read."""
    for start in range(0, len(ids), BATCH):
        yield rows_of(ids[start : start + BATCH])
        db.session.expunge_all()


def yes_no(flag: bool) -> str:
    """A yes/no column in the reader's language (the import reads it back)."""
    return _("Yes") if flag else _("No")


def export_response(
    kind: str, name: str, header: Sequence, batches: Iterable[Iterable[Sequence]], title: str
) -> Response:
    """The download of an export as `kind` ('csv' or 'xlsx'), named `name`.csv/.xlsx. A CSV
    follows the reader's locale unless the export menu asked for the other separator."""
    if kind == "xlsx":
        body = xlsx_bytes(header, batches, title)
        return download_response(body, XLSX_MIMETYPE, f"{name}.xlsx")
    style = csv_style(request.args.get("separator"), str(get_locale() or "en"))
    chunks = stream_with_context(csv_chunks(header, batches, style))
    return download_response(chunks, "text/csv; charset=utf-8", f"{name}.csv")
