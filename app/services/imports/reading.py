"""A spreadsheet to import, read as a header and rows, streaming (pure: no database, no request).

- CSV or XLSX, told apart by their bytes (a workbook is a zip), not by the file's name: an XLSX
  renamed .csv is still read; an old .xls, a PDF or anything else binary is refused.
- A CSV is UTF-8 (with or without a BOM) or else Windows-1252 (what Excel writes on Windows);
  its separator is whichever of `,` `;` tab `|` splits the first rows into the header's width.
- Row 1 names the columns. Rows are numbered as the person sees them in the file (the header is
  row 1, a CSV record spanning lines is one row); blank rows are skipped but counted.
- CSV cells are text, stripped; XLSX cells are typed (text, int, Decimal, date, datetime, bool,
  None), a formula giving the value Excel last computed. A workbook is read by openpyxl (its
  read-only mode, the active sheet), after a zip-bomb guard on the sizes its parts declare.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import ngettext
from openpyxl import load_workbook

MAX_COLUMNS = 100
DELIMITERS = (",", ";", "\t", "|")
SAMPLE_ROWS = 20  # rows read to choose the separator
CHUNK = 64 * 1024
FIELD_LIMIT = 1024 * 1024  # one cell; csv's default (128 KB) would refuse a long note
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (and old Word)
ZIP_MAGIC = b"PK\x03\x04"
# What a workbook's parts may add up to unzipped: a 100,000-row sheet of 12 columns is 76 MB; a
# zip bomb is far more (zipfile never reads past the size the zip declares).
MAX_UNZIPPED = 512 * 1024 * 1024
BLANK = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*")
SEP_LINE = re.compile(rb"(?:\xef\xbb\xbf)?sep=([,;\t|])\r?\n", re.IGNORECASE)  # Excel's hint


class FileRefused(Exception):
    """A file that cannot be imported at all; `message` is shown beside the file field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FileFormat:
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None  # CSV: "utf-8-sig" or "cp1252"
    delimiter: str | None = None  # CSV
    start: int = 0  # CSV: where its rows begin (after Excel's "sep=;" line, which it hides)


def _neither() -> FileRefused:
    return FileRefused(_("This file is neither CSV nor XLSX: save it as one of them."))


def _decodes(data: bytes, encoding: str) -> bool:
    """Whether the whole of `data` is text in `encoding`, decoded a chunk at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(data), CHUNK):
            decoder.decode(data[start : start + CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _text_encoding(data: bytes) -> str:
    if b"\x00" in data[:CHUNK]:  # UTF-16, or a binary file
        raise _neither()
    if _decodes(data, "utf-8"):
        return "utf-8-sig"
    if _decodes(data, "cp1252"):
        return "cp1252"
    raise FileRefused(_("The file could not be read as text (UTF-8 or Windows-1252)."))


def _sample_rows(data: bytes, encoding: str, delimiter: str) -> list[list[str]]:
    reader = _csv_reader(data, encoding, delimiter)
    rows = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
            if len(rows) > SAMPLE_ROWS:
                break
    except csv.Error:
        return []
    return rows


def _delimiter(data: bytes, encoding: str) -> str:
    """The separator that splits the first rows into as many cells as the header has (the
    most cells if several do); `,` for a file of one column."""
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        rows = _sample_rows(data, encoding, delimiter)
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        body = rows[1:] or rows
        agreeing = sum(1 for row in body if len(row) == width) / len(body)
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def sniff(data: bytes, filename: str) -> FileFormat:
    """What the file is (by its bytes); FileRefused if nothing we can read."""
    if BLANK.fullmatch(data):  # (data.strip() would copy a big file)
        raise FileRefused(_("This file is empty."))
    if data.startswith(ZIP_MAGIC):
        if _is_workbook(data):
            return FileFormat("xlsx")
        raise _neither()
    if data.startswith(XLS_MAGIC):
        raise FileRefused(
            _("Old Excel files (.xls) cannot be read: save the file as XLSX or CSV and try again.")
        )
    if data.startswith(b"%PDF"):
        raise _neither()
    encoding = _text_encoding(data)
    hint = SEP_LINE.match(data)
    if hint:
        return FileFormat("csv", encoding, hint.group(1).decode(), hint.end())
    return FileFormat("csv", encoding, _delimiter(data, encoding))


def _csv_reader(data: bytes, encoding: str, delimiter: str, start: int = 0):
    csv.field_size_limit(FIELD_LIMIT)
    raw = io.BytesIO(data)  # shares the bytes, copies nothing
    raw.seek(start)
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    return csv.reader(text, delimiter=delimiter, strict=False)


def _xlsx_value(value):
    """A cell as the person sees it: whole floats as int, others as Decimal, midnight as a
    date, text stripped."""
    if isinstance(value, float):
        number = Decimal(str(value))
        return int(number) if number == number.to_integral_value() else number
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | bool | date | Decimal) or value is None:
        return value
    return str(value)  # a time of day, an error value


def unzipped_size(data: bytes) -> int:
    """The sum of the sizes a zip's parts declare unzipped (read from its directory only)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(item.file_size for item in archive.infolist())


def _xlsx_rows(data: bytes) -> Iterator[list]:
    """Each row of the active sheet from row 1 (missing rows as empty lists), typed."""
    try:
        if unzipped_size(data) > MAX_UNZIPPED:
            raise ValueError("too large unzipped")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise _neither() from error
    try:
        sheet = book.active
        if sheet is None or not hasattr(sheet, "iter_rows"):  # a chart sheet
            raise _neither()
        sheet.reset_dimensions()  # the size a sheet declares may be wrong: read all its rows
        for row in sheet.iter_rows(values_only=True):
            yield [_xlsx_value(value) for value in row]
    except FileRefused:
        raise
    except Exception as error:
        raise _neither() from error
    finally:
        book.close()


def _csv_rows(data: bytes, fmt: FileFormat) -> Iterator[list]:
    reader = _csv_reader(data, fmt.encoding, fmt.delimiter, fmt.start)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):  # noqa: B007 (kept for the message)
            yield [cell.strip() for cell in row]
    except csv.Error as error:
        raise FileRefused(_("Row %(row)s could not be read.", row=number + 1)) from error


def _raw_rows(data: bytes, filename: str) -> tuple[FileFormat, Iterator[list]]:
    fmt = sniff(data, filename)
    return fmt, (_xlsx_rows(data) if fmt.kind == "xlsx" else _csv_rows(data, fmt))


def _blank(row: list) -> bool:
    return all(cell is None or cell == "" for cell in row)


def _header(rows: Iterator[list]) -> list[str]:
    header = next(rows, None)
    if header is None or _blank(header):
        raise FileRefused(_("Row 1 must name the columns."))
    names = ["" if cell is None else str(cell).strip() for cell in header]
    while names and not names[-1]:  # a spreadsheet's empty columns after the last title
        names.pop()
    if len(names) > MAX_COLUMNS:
        raise FileRefused(
            ngettext(
                "This file has %(num)d column; an import reads at most %(max)s.",
                "This file has %(num)d columns; an import reads at most %(max)s.",
                len(names),
                max=MAX_COLUMNS,
            )
        )
    return names


def read_headers(data: bytes, filename: str) -> list[str]:
    """The column titles of row 1 (trailing empty ones left out)."""
    _fmt, rows = _raw_rows(data, filename)
    return _header(rows)


def iter_rows(data: bytes, filename: str, start: int = 0) -> Iterator[tuple[int, list]]:
    """(row number in the file, cells) for each data row that is not blank, leaving out the
    first `start` data rows (blank or not: a resumed import skips those it has done). Each row
    has at least as many cells as the header (empty text, or None from XLSX, for missing ones);
    cells past the header are kept only when something is in them."""
    fmt, rows = _raw_rows(data, filename)
    width = len(_header(rows))
    missing = None if fmt.kind == "xlsx" else ""
    for index, row in enumerate(rows):
        if index < start or _blank(row):
            continue
        if len(row) < width:
            row = row + [missing] * (width - len(row))
        elif len(row) > width and _blank(row[width:]):
            row = row[:width]
        yield index + 2, row


def count_rows(data: bytes, filename: str) -> int:
    """How many data rows are not blank (for the progress bar)."""
    return sum(1 for _row in iter_rows(data, filename))
