"""Check 7: the sales summaries (rows kept by triggers, app/models/group_sales.py) are what the
invoices add up to: per group (0: every invoice), currency and month of issue, and per customer,
currency and year of issue, the invoices counted, their amount invoiced and paid. One grouped
query compared in Python."""

from datetime import date
from decimal import Decimal

from sqlalchemy import delete, func, insert, select, text

from app.extensions import db
from app.models import (
    Customer,
    CustomerGroup,
    CustomerYearSales,
    Document,
    GroupSales,
    customer_group_members,
)
from app.models.balance import UNITS, amount
from app.services.integrity.registry import Problem, check, customer

FIELDS = ("invoices", "invoiced", "paid")
ZERO = (0, 0, 0)
Key = tuple[int, str, date]  # (group id, currency, month)
YearKey = tuple[int, str, int]  # (customer id, currency, year)


def _units(value) -> int:
    return int((Decimal(str(value or 0)) * UNITS).to_integral_value())


def _month(day) -> date:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return day.replace(day=1)


def _expected() -> tuple[dict[Key, tuple[int, int, int]], dict[YearKey, tuple[int, int, int]]]:
    """What the invoices add up to, per (group id, currency, first day of the month) and per
    (customer id, currency, year)."""
    counted = (Document.kind == "invoice", Document.status.not_in(("draft", "cancelled")),
               Document.issue_date.is_not(None))  # fmt: skip
    # Per customer, currency and day first (few rows per customer), then per group and month.
    per_day = (
        select(Document.customer_id, Document.currency_code, Document.issue_date,
               func.count(), func.sum(Document.total), func.sum(Document.amount_paid))
        .where(*counted)
        .group_by(Document.customer_id, Document.currency_code, Document.issue_date)
    )  # fmt: skip
    groups: dict[int, list[int]] = {}
    for customer_id, group_id in db.session.execute(select(customer_group_members)):
        groups.setdefault(customer_id, []).append(group_id)
    sums: dict[Key, list[int]] = {}
    years: dict[YearKey, list[int]] = {}
    for customer_id, currency, day, count, total, paid in db.session.execute(per_day):
        month, invoiced, received = _month(day), _units(total), _units(paid)
        rows = [sums.setdefault((group_id, currency, month), [0, 0, 0])
                for group_id in (0, *groups.get(customer_id, ()))]  # fmt: skip
        rows.append(years.setdefault((customer_id, currency, month.year), [0, 0, 0]))
        for row in rows:
            row[0] += count
            row[1] += invoiced
            row[2] += received
    return (
        {key: tuple(value) for key, value in sums.items()},
        {key: tuple(value) for key, value in years.items()},
    )


def _stored() -> tuple[dict[Key, tuple[int, int, int]], dict[YearKey, tuple[int, int, int]]]:
    columns = [getattr(GroupSales, name) for name in FIELDS]
    query = select(GroupSales.group_id, GroupSales.currency_code, GroupSales.month, *columns)
    sums = {(r[0], r[1], _month(r[2])): tuple(r[3:]) for r in db.session.execute(query)}
    columns = [getattr(CustomerYearSales, name) for name in FIELDS]
    query = select(CustomerYearSales.customer_id, CustomerYearSales.currency_code,
                   CustomerYearSales.year, *columns)  # fmt: skip
    return sums, {tuple(r[:3]): tuple(r[3:]) for r in db.session.execute(query)}


def _wrong(expected: dict, stored: dict) -> list:
    return sorted(key for key in expected.keys() | stored.keys()
                  if expected.get(key, ZERO) != stored.get(key, ZERO))  # fmt: skip


def _describe(values: tuple[int, int, int]) -> str:
    invoices, invoiced, paid = values
    return f"{invoices} invoice(s), {amount(invoiced)} invoiced, {amount(paid)} paid"


@check("group_sales", "Sales summaries (groups, customers' years) equal their invoices", order=61)
def group_sales() -> list[Problem]:
    (expected, expected_years), (stored, stored_years) = _expected(), _stored()
    wrong, wrong_years = _wrong(expected, stored), _wrong(expected_years, stored_years)
    if not wrong and not wrong_years:
        return []
    names = dict(db.session.execute(select(CustomerGroup.id, CustomerGroup.name)).all())
    ids = {customer_id for customer_id, _currency, _year in wrong_years}
    companies = dict(db.session.execute(select(Customer.id, Customer.company)
                                        .where(Customer.id.in_(ids))).all())  # fmt: skip
    problems = []
    for customer_id, currency, year in wrong_years:
        want = _describe(expected_years.get((customer_id, currency, year), ZERO))
        found = _describe(stored_years.get((customer_id, currency, year), ZERO))
        problems.append(Problem(f"sales of {year} in {currency}", f"expected {want}; found {found}",
                                customer(companies.get(customer_id), customer_id),
                                expected=want, found=found))  # fmt: skip
    for group_id, currency, month in wrong:
        who = "every invoice" if group_id == 0 else f"group {names.get(group_id)} (id {group_id})"
        want = _describe(expected.get((group_id, currency, month), ZERO))
        found = _describe(stored.get((group_id, currency, month), ZERO))
        problems.append(Problem(f"sales of {who} in {currency}, {month:%Y-%m}",
                                f"expected {want}; found {found}",
                                expected=want, found=found))  # fmt: skip
    return problems


def rebuild_group_sales() -> int:
    """Recompute the sales summaries from the invoices (after the check found it off),
    with the invoices' and memberships' writers held off meanwhile (PostgreSQL: SHARE locks;
    SQLite: the write lock the DELETE takes). Rows written; the caller commits."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("LOCK TABLE sales_documents, customer_group_members IN SHARE MODE"))
    db.session.execute(delete(GroupSales))
    db.session.execute(delete(CustomerYearSales))
    sums, years = _expected()
    rows = [{"group_id": group_id, "currency_code": currency, "month": month,
             **dict(zip(FIELDS, values, strict=True))}
            for (group_id, currency, month), values in sums.items()]  # fmt: skip
    year_rows = [{"customer_id": customer_id, "currency_code": currency, "year": year,
                  **dict(zip(FIELDS, values, strict=True))}
                 for (customer_id, currency, year), values in years.items()]  # fmt: skip
    if rows:
        db.session.execute(insert(GroupSales), rows)
    if year_rows:
        db.session.execute(insert(CustomerYearSales), year_rows)
    return len(rows) + len(year_rows)
