"""A recurring invoice's dates: the k-th date is counted from the start date, never from the
previous date, so month ends clamp without drifting (31 Jan monthly: 28/29 Feb, 31 Mar, 30 Apr)
and 29 Feb yearly falls on 28 Feb in other years and on 29 Feb again in leap years."""

import calendar
from datetime import date, timedelta

MONTHS = {"month": 1, "year": 12}
DAYS = {"day": 1, "week": 7}


def nth_date(start: date, count: int, unit: str, k: int) -> date:
    """The k-th date (0: the start) of a schedule every `count` `unit`s."""
    if unit in DAYS:
        return start + timedelta(days=DAYS[unit] * count * k)
    months = start.month - 1 + MONTHS[unit] * count * k
    year, month = start.year + months // 12, months % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def index_after(start: date, count: int, unit: str, day: date) -> int:
    """The index of the first date of the schedule after `day`."""
    if day < start:
        return 0
    if unit in DAYS:
        return (day - start).days // (DAYS[unit] * count) + 1
    months = (day.year - start.year) * 12 + day.month - start.month
    k = max(months // (MONTHS[unit] * count) - 1, 0)
    while nth_date(start, count, unit, k) <= day:
        k += 1
    return k


def date_after(start: date, count: int, unit: str, day: date) -> date:
    """The first date of the schedule after `day`."""
    return nth_date(start, count, unit, index_after(start, count, unit, day))


def first_on_or_after(start: date, count: int, unit: str, day: date) -> date:
    """The first date of the schedule on or after `day`."""
    return date_after(start, count, unit, day - timedelta(days=1))
