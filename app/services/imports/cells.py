"""Stand-in until wt-impfile's cells.py is merged (same names; replaced by it)."""

from datetime import date, datetime
from decimal import Decimal

from app.numbers import NumberError, parse_number


class CellError(ValueError):
    pass


DATE_FORMATS = {"iso": "%Y-%m-%d", "dmy": "%d/%m/%Y", "mdy": "%m/%d/%Y"}
NUMBER_LOCALES = ("en", "fr", "de")


def cell_text(cell) -> str:
    if cell is None:
        return ""
    return str(cell).strip()


def parse_cell_number(text: str, locale: str) -> Decimal:
    try:
        return parse_number(text, locale)
    except NumberError as exc:
        raise CellError(str(exc)) from exc


def parse_cell_date(text: str, fmt: str) -> date:
    try:
        return datetime.strptime(text, DATE_FORMATS[fmt]).date()
    except ValueError as exc:
        raise CellError("Enter a date.") from exc


def parse_cell_bool(text: str) -> bool:
    folded = text.strip().casefold()
    if folded in ("yes", "true", "1", "y", "oui", "x"):
        return True
    if folded in ("no", "false", "0", "n", "non", ""):
        return False
    raise CellError("Enter yes or no.")


def parse_cell_country(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise CellError("Enter a country.")
    return code
