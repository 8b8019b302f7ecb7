"""A recurring invoice's dates: counted from the start, month ends clamp without drifting."""

from datetime import date

from app.services.recurring.schedule import date_after, first_on_or_after, nth_date


def dates(start, count, unit, n):
    return [nth_date(start, count, unit, k) for k in range(n)]


def test_month_ends_clamp_and_do_not_drift():
    assert dates(date(2027, 1, 31), 1, "month", 6) == [
        date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30),
        date(2027, 5, 31), date(2027, 6, 30),
    ]  # fmt: skip
    assert nth_date(date(2028, 1, 31), 1, "month", 1) == date(2028, 2, 29)


def test_leap_day_yearly():
    assert dates(date(2028, 2, 29), 1, "year", 5) == [
        date(2028, 2, 29), date(2029, 2, 28), date(2030, 2, 28), date(2031, 2, 28),
        date(2032, 2, 29),
    ]  # fmt: skip


def test_days_weeks_and_several_months():
    assert dates(date(2027, 12, 30), 3, "day", 3) == [
        date(2027, 12, 30), date(2028, 1, 2), date(2028, 1, 5)]  # fmt: skip
    assert dates(date(2027, 1, 1), 2, "week", 3) == [
        date(2027, 1, 1), date(2027, 1, 15), date(2027, 1, 29)]  # fmt: skip
    assert dates(date(2027, 11, 30), 3, "month", 3) == [
        date(2027, 11, 30), date(2028, 2, 29), date(2028, 5, 30)]  # fmt: skip


def test_the_date_after_a_day_is_on_the_schedule():
    start = date(2027, 1, 31)
    assert date_after(start, 1, "month", date(2027, 2, 28)) == date(2027, 3, 31)
    assert date_after(start, 1, "month", date(2027, 3, 1)) == date(2027, 3, 31)
    assert date_after(start, 1, "month", date(2026, 1, 1)) == start
    assert first_on_or_after(start, 1, "month", date(2027, 3, 31)) == date(2027, 3, 31)
    assert date_after(date(2027, 1, 1), 1, "week", date(2027, 1, 8)) == date(2027, 1, 15)
    assert first_on_or_after(date(2028, 2, 29), 1, "year", date(2029, 1, 1)) == date(2029, 2, 28)
