"""Check 7: the sales summaries (rows kept by triggers, app/models/group_sales.py) are what the
invoices add up to: per group (0: every invoice), currency and month of issue, and per customer,
currency and year of issue, the invoices counted, their amount invoiced and paid; per year, group
(0: customers in no group) and currency, the customers invoiced as well. One grouped query
compared in Python."""

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
    GroupYearSales,
    customer_group_members,
)
from app.models.balance import UNITS, amount
from app.services.integrity.registry import Problem, check, customer

FIELDS = ("invoices", "invoiced", "paid")
ZERO = (0, 0, 0)
Key = tuple[int, str, date]  # (group id, currency, month)
YearKey = tuple[int, str, int]  # (customer id, currency, year)
GroupYearKey = tuple[int, str, int]  # (group id, currency, year)
GROUP_FIELDS = ("customers", *FIELDS)


def _units(value) -> int:
    return int((Decimal(str(value or 0)) * UNITS).to_integral_value())


def _month(day) -> date:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return day.replace(day=1)


def _per_group_year(years: dict, groups: dict[int, list[int]]) -> dict[GroupYearKey, tuple]:
    """(customers, invoices, invoiced, paid) per (group id, currency, year) of the customers'
    years: each customer invoiced in each of its groups, or in group 0 (no group)."""
    sums: dict[GroupYearKey, list[int]] = {}
    for (customer_id, currency, year), (count, invoiced, received) in years.items():
        for group_id in groups.get(customer_id) or (0,):
            row = sums.setdefault((group_id, currency, year), [0, 0, 0, 0])
            row[0] += 1 if count > 0 else 0
            row[1] += count
            row[2] += invoiced
            row[3] += received
    return {key: tuple(value) for key, value in sums.items()}


def _expected() -> tuple[dict[Key, tuple], dict[YearKey, tuple], dict[GroupYearKey, tuple]]:
    """What the invoices add up to, per (group id, currency, first day of the month), per
    (customer id, currency, year) and per (group id, currency, year)."""
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
    years_of = {key: tuple(value) for key, value in years.items()}
    return (
        {key: tuple(value) for key, value in sums.items()},
        years_of,
        _per_group_year(years_of, groups),
    )


def _stored() -> tuple[dict[Key, tuple], dict[YearKey, tuple], dict[GroupYearKey, tuple]]:
    columns = [getattr(GroupSales, name) for name in FIELDS]
    query = select(GroupSales.group_id, GroupSales.currency_code, GroupSales.month, *columns)
    sums = {(r[0], r[1], _month(r[2])): tuple(r[3:]) for r in db.session.execute(query)}
    columns = [getattr(CustomerYearSales, name) for name in FIELDS]
    query = select(CustomerYearSales.customer_id, CustomerYearSales.currency_code,
                   CustomerYearSales.year, *columns)  # fmt: skip
    years = {tuple(r[:3]): tuple(r[3:]) for r in db.session.execute(query)}
    columns = [getattr(GroupYearSales, name) for name in GROUP_FIELDS]
    query = select(GroupYearSales.group_id, GroupYearSales.currency_code, GroupYearSales.year,
                   *columns)  # fmt: skip
    return sums, years, {tuple(r[:3]): tuple(r[3:]) for r in db.session.execute(query)}


def _wrong(expected: dict, stored: dict, zero: tuple = ZERO) -> list:
    return sorted(key for key in expected.keys() | stored.keys()
                  if expected.get(key, zero) != stored.get(key, zero))  # fmt: skip


def _describe(values: tuple[int, int, int]) -> str:
    invoices, invoiced, paid = values
    return f"{invoices} invoice(s), {amount(invoiced)} invoiced, {amount(paid)} paid"


@check("group_sales", "Sales summaries (groups, customers' years) equal their invoices", order=61)
def group_sales() -> list[Problem]:
    (expected, expected_years, expected_groups), (stored, stored_years, stored_groups) = (
        _expected(),
        _stored(),
    )
    wrong, wrong_years = _wrong(expected, stored), _wrong(expected_years, stored_years)
    wrong_groups = _wrong(expected_groups, stored_groups, (0, *ZERO))
    if not wrong and not wrong_years and not wrong_groups:
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
    for group_id, currency, year in wrong_groups:
        who = "customers in no group" if group_id == 0 else (
            f"group {names.get(group_id)} (id {group_id})")  # fmt: skip
        want, found = (_describe_customers(values.get((group_id, currency, year), (0, *ZERO)))
                       for values in (expected_groups, stored_groups))  # fmt: skip
        problems.append(Problem(f"sales of {who} in {currency}, {year}",
                                f"expected {want}; found {found}",
                                expected=want, found=found))  # fmt: skip
    return problems


def _describe_customers(values: tuple[int, int, int, int]) -> str:
    return f"{values[0]} customer(s), {_describe(values[1:])}"


def rebuild_group_sales() -> int:
    """Recompute the sales summaries from the invoices (after the check found it off),
    with the invoices' and memberships' writers held off meanwhile (PostgreSQL: SHARE locks;
    SQLite: the write lock the DELETE takes). The groups' years are then rebuilt by their
    triggers as the customers' years are written. Rows written (the groups' years aside); the
    caller commits."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("LOCK TABLE sales_documents, customer_group_members IN SHARE MODE"))
    db.session.execute(delete(GroupSales))
    db.session.execute(delete(CustomerYearSales))  # before its groups' rows: triggers
    db.session.execute(delete(GroupYearSales))
    sums, years, _groups = _expected()
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
