"""The period of a statement or report: typed dates (checked) or a preset."""

from datetime import date, timedelta

from flask_babel import gettext as _

from app.services import Collector

PRESETS = ("this_month", "last_month", "this_year", "last_year")


def preset_period(preset: str, today: date | None = None) -> tuple[date, date]:
    """(first day, last day) of a preset; this year runs to today."""
    today = today or date.today()
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if preset == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return date(today.year, 1, 1), today


def checked_period(start: date | None, end: date | None, today: date | None = None):
    """The period typed (a missing end: today; a missing start: the first of its year):
    FormErrors beside `start`/`end` when a date is out of range or the end comes first."""
    today = today or date.today()
    end = end or today
    errors = Collector()
    end_ok = errors.day("end", end)
    start = start or date((end if end_ok else today).year, 1, 1)
    if errors.day("start", start) and end_ok and end < start:
        errors.add("end", _("The end of the period may not come before its start."))
    errors.raise_if_any()
    return start, end
