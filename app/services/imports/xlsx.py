"""The first (active) sheet of an XLSX workbook, row by row, streaming its XML: several times
faster than openpyxl's read-only mode, which builds an object per cell (a 100,000-row import is
read twice: counted, then imported). Values as openpyxl gives them with data_only=True: text,
int or float, bool, datetime (by the cell's number format and the workbook's 1900/1904 epoch),
an error's text ("#N/A"), a formula's last computed value, None for an empty cell.
Any malformed part raises ValueError (the reader refuses the file)."""

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
ROW, CELL, SHEET_DATA = MAIN + "row", MAIN + "c", MAIN + "sheetData"
CELL_REF = re.compile(r"([A-Z]+)(\d+)")
MAX_COLUMN = 16384  # XFD, Excel's last column
# A part's size unzipped: a 100,000-row sheet of 12 columns is 76 MB; a zip bomb is far more.
MAX_PART = 512 * 1024 * 1024


def _parse(archive: zipfile.ZipFile, name: str, events=("end",), limit: int = MAX_PART):
    """(event, element) of a part's XML, closing tags only unless told; ValueError for a
    part larger than `limit` unzipped (zipfile never reads past the size the zip declares)."""
    if archive.getinfo(name).file_size > limit:
        raise ValueError("part too large")
    # Expat (2.4 and later) refuses entity expansion bombs and ElementTree never fetches an
    # external entity: tests/imports/test_xlsx.py tries both.
    with archive.open(name) as part:
        yield from iterparse(part, events=events)  # noqa: S314


def _column(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _sheet_part(archive: zipfile.ZipFile) -> tuple[str, bool]:
    """The active sheet's part name and whether dates count from 1904."""
    sheets, active, date1904 = [], 0, False
    for _event, element in _parse(archive, "xl/workbook.xml"):
        if element.tag == MAIN + "sheet":
            sheets.append(element.get(REL + "id"))
        elif element.tag == MAIN + "workbookView":
            active = int(element.get("activeTab") or 0)
        elif element.tag == MAIN + "workbookPr":
            date1904 = element.get("date1904") in ("1", "true")
    if not sheets:
        raise ValueError("no sheet")
    wanted = sheets[active] if active < len(sheets) else sheets[0]
    for _event, element in _parse(archive, "xl/_rels/workbook.xml.rels"):
        if element.tag == PACKAGE_REL + "Relationship" and element.get("Id") == wanted:
            target = element.get("Target") or ""
            if target.startswith("/"):
                return target.lstrip("/"), date1904
            return posixpath.normpath(posixpath.join("xl", target)), date1904
    raise ValueError("no sheet part")


def _text(element) -> str:
    """A string item's text: its runs (<t>), not its phonetic guides (<rPh>)."""
    if element is None:
        return ""
    parts = []
    for child in element:
        if child.tag == MAIN + "t":
            parts.append(child.text or "")
        elif child.tag == MAIN + "r":
            parts.extend(t.text or "" for t in child.iter(MAIN + "t"))
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    for _event, element in _parse(archive, "xl/sharedStrings.xml"):
        if element.tag == MAIN + "si":
            strings.append(_text(element))
            element.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile) -> list[bool]:
    """For each cell style (the `s` of a cell), whether its number format shows a date."""
    if "xl/styles.xml" not in archive.namelist():
        return []
    formats, styles = dict(BUILTIN_FORMATS), []
    for _event, element in _parse(archive, "xl/styles.xml"):
        if element.tag == MAIN + "numFmt":
            formats[int(element.get("numFmtId"))] = element.get("formatCode") or ""
        elif element.tag == MAIN + "cellXfs":
            styles = [
                is_date_format(formats.get(int(xf.get("numFmtId") or 0), ""))
                for xf in element.iter(MAIN + "xf")
            ]
    return styles


def _value(cell, strings: list[str], dates: list[bool], epoch):
    kind = cell.get("t") or "n"
    if kind == "inlineStr":
        return _text(cell.find(MAIN + "is"))
    raw = cell.findtext(MAIN + "v")
    if raw is None or raw == "":
        return None
    if kind == "s":
        return strings[int(raw)]
    if kind == "b":
        return raw in ("1", "true")
    if kind in ("str", "e"):
        return raw
    number = float(raw) if any(ch in raw for ch in ".eE") else int(raw)
    style = int(cell.get("s") or 0)
    if style < len(dates) and dates[style]:
        return from_excel(number, epoch)
    return number


def xlsx_rows(data, limit: int = MAX_PART) -> Iterator[list]:
    """Each row of the active sheet from row 1 (missing rows as empty lists), cells by column
    (None where a row has no cell)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        part, date1904 = _sheet_part(archive)
        strings, dates = _shared_strings(archive), _date_styles(archive)
    except (KeyError, ParseError, ValueError, zipfile.BadZipFile, OSError, zlib.error) as error:
        raise ValueError("not a workbook we can read") from error
    epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
    expected_row, sheet_data = 1, None
    try:
        for event, element in _parse(archive, part, ("start", "end"), limit):
            if element.tag != ROW or event == "start":
                if element.tag == SHEET_DATA:
                    sheet_data = element  # rows done are taken out of it: memory stays flat
                continue
            number = int(element.get("r") or expected_row)
            for _missing in range(expected_row, number):
                yield []
            expected_row = number + 1
            row, column = [], 0
            for cell in element.iter(CELL):
                ref = CELL_REF.fullmatch(cell.get("r") or "")
                column = _column(ref.group(1)) if ref else column
                if not 0 <= column < MAX_COLUMN:
                    raise ValueError("column out of range")
                row.extend([None] * (column - len(row)))
                row.append(_value(cell, strings, dates, epoch))
                column += 1
            if sheet_data is not None:
                sheet_data.remove(element)
            yield row
    except (KeyError, IndexError, ParseError, OverflowError, ValueError, zlib.error) as error:
        raise ValueError("a broken sheet") from error
    finally:
        archive.close()
