"""Reports: what each customer group brings, and the top customers, per currency, in SQL.

Each counts the invoices the asking person's scope allows for reports: everything with
"reports: view all", the invoices of the customers they are assigned to with "view own"."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, literal_column, select

from app.collation import collated, sort_key
from app.extensions import db
from app.models import (
    Customer,
    CustomerGroup,
    Document,
    GroupSales,
    GroupYearSales,
    customer_group_members,
)
from app.models.balance import amount
from app.services.scope import Scope

PRESETS = ("this_month", "last_month", "this_year", "last_year", "custom")
ZERO = Decimal(0)
SORTS = ("invoiced", "paid", "outstanding", "customers", "average", "name")


def date_range(
    preset: str, start: date | None, end: date | None, today: date | None = None
) -> tuple[str, date, date]:
    """(preset, first day, last day) of a preset, or of a custom range (bad input: this year)."""
    today = today or date.today()
    if preset == "this_month":
        next_month = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return preset, today.replace(day=1), next_month - timedelta(days=1)
    if preset == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return preset, last.replace(day=1), last
    if preset == "last_year":
        return preset, date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if preset == "custom" and start and end and start <= end:
        return preset, start, end
    return "this_year", date(today.year, 1, 1), date(today.year, 12, 31)


def _invoices_in(start: date, end: date):
    return (Document.kind == "invoice", Document.status.not_in(("draft", "cancelled")),
            Document.issue_date >= start, Document.issue_date <= end)  # fmt: skip


def _reported(query, scope: Scope | None):
    """`query` over the invoices the reports show this person (all without a scope)."""
    return query if scope is None else scope.narrow(query, Document, "reports")


@dataclass
class GroupRow:
    group_id: int | None
    name: str | None
    customers: int
    invoices: int
    invoiced: Decimal
    paid: Decimal

    @property
    def outstanding(self) -> Decimal:
        return self.invoiced - self.paid

    @property
    def average(self) -> Decimal:
        return self.invoiced / self.invoices if self.invoices else Decimal(0)


@dataclass
class CurrencyReport:
    currency: str
    rows: list[GroupRow]
    total_invoiced: Decimal  # every invoice once, even when its customer is in two groups

    def share(self, row: GroupRow) -> Decimal:
        return row.invoiced / self.total_invoiced * 100 if self.total_invoiced else Decimal(0)


def _whole_year(start: date, end: date) -> bool:
    return start == date(start.year, 1, 1) and end == date(start.year, 12, 31)


def _per_group(
    start: date, end: date, scope: Scope | None
) -> tuple[list[tuple], Callable[[object], Decimal]]:
    """(group id or None, currency, customers, invoices, invoiced, paid) per group (None: the
    customers in no group) and currency over the invoices of [start, end] `scope` allows, and
    what turns their amounts into a Decimal: the groups' yearly summary for a calendar year
    when everything is allowed (a few rows, amounts in ten-thousandths), else the invoices,
    first per customer (one pass over them), then per group (no DISTINCT needed)."""
    if _sees_all(scope) and _whole_year(start, end):
        sales = GroupYearSales
        return [(group_id or None, *figures) for group_id, *figures in db.session.execute(
            select(sales.group_id, sales.currency_code, sales.customers, sales.invoices,
                   sales.invoiced, sales.paid)
            .where(sales.year == start.year, sales.customers > literal_column("0"))
        )], amount  # fmt: skip
    per_customer = (
        _reported(select(Document.customer_id.label("customer_id"),
                         Document.currency_code.label("currency"),
                         func.count(Document.id).label("invoices"),
                         func.sum(Document.total).label("invoiced"),
                         func.sum(Document.amount_paid).label("paid"))
                  .where(*_invoices_in(start, end)), scope)
        .group_by(Document.customer_id, Document.currency_code)
        .subquery()
    )  # fmt: skip
    members = _groups_of(per_customer.c.customer_id)
    return db.session.execute(
        select(members.c.group_id, per_customer.c.currency,
               func.count(per_customer.c.customer_id), func.sum(per_customer.c.invoices),
               func.sum(per_customer.c.invoiced), func.sum(per_customer.c.paid))
        .select_from(per_customer)
        .outerjoin(members, members.c.customer_id == per_customer.c.customer_id)
        .group_by(members.c.group_id, per_customer.c.currency)
    ).all(), lambda value: Decimal(value or 0)  # fmt: skip


def _groups_of(customer_id):
    """The group memberships to join to the invoiced customers (column `customer_id`). On
    PostgreSQL each customer's are looked up in the memberships' key (a lateral subquery that
    cannot be flattened, OFFSET 0): joined plainly, it hashed all 100,000 memberships for the
    6,800 customers a month invoices (47 ms of the report's 55; looked up, 35 ms in all)."""
    members = customer_group_members
    if db.session.get_bind().dialect.name != "postgresql":
        return members
    return (select(members.c.customer_id, members.c.group_id)
            .where(members.c.customer_id == customer_id).offset(0).lateral())  # fmt: skip


def _totals(start: date, end: date, scope: Scope | None) -> dict[str, Decimal]:
    """Amount invoiced per currency over the invoices of [start, end] `scope` allows (each
    once): group 0 of the groups' monthly summary for whole months when everything is
    allowed, else the invoices."""
    if _sees_all(scope) and _whole_months(start, end):
        query = (select(GroupSales.currency_code, func.sum(GroupSales.invoiced))
                 .where(GroupSales.group_id == literal_column("0"), GroupSales.month >= start,
                        GroupSales.month <= end)
                 .group_by(GroupSales.currency_code))  # fmt: skip
        return {code: amount(units) for code, units in db.session.execute(query)}
    return {code: Decimal(total or 0) for code, total in db.session.execute(
        _reported(select(Document.currency_code, func.sum(Document.total))
                  .where(*_invoices_in(start, end)), scope).group_by(Document.currency_code)
    )}  # fmt: skip


def groups_report(
    start: date, end: date, sort: str = "invoiced", scope: Scope | None = None
) -> list[CurrencyReport]:
    """Per currency, per group (and 'no group'): customers, invoices, invoiced, paid, over the
    invoices `scope` allows."""
    rows, to_amount = _per_group(start, end, scope)
    names = dict(db.session.execute(select(CustomerGroup.id, CustomerGroup.name)).all())
    totals = _totals(start, end, scope)
    reports: dict[str, CurrencyReport] = {}
    for group_id, currency, customers, invoices, invoiced, paid in rows:
        name = names.get(group_id)
        total = totals.get(currency, ZERO)
        report = reports.setdefault(currency, CurrencyReport(currency, [], total))
        report.rows.append(GroupRow(group_id, name, customers, invoices,
                                    to_amount(invoiced), to_amount(paid)))  # fmt: skip
    key, key_of = (sort if sort in SORTS else "invoiced"), sort_key()
    for report in reports.values():  # by name first: equal figures in the order of their names
        report.rows.sort(key=lambda r: (r.name is None, key_of(r.name)))
        if key != "name":
            report.rows.sort(key=lambda r: getattr(r, key), reverse=True)
    return [reports[code] for code in sorted(reports)]


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and (end + timedelta(days=1)).day == 1


def _sees_all(scope: Scope | None) -> bool:
    """Whether the reports count every invoice for this person (so a summary may be read
    whole): no scope, an administrator, or "reports: view all"."""
    return scope is None or scope.sees_all("reports")


def _invoiced_per_group(start: date, end: date, scope: Scope | None) -> list[tuple]:
    """(group id, currency, amount invoiced) of the invoices of [start, end] `scope` allows,
    each in every group of its customer, by group id, plus rows of group None that name every
    currency invoiced (customers in no group, or every invoice): from the groups' monthly
    summary when it holds exactly that (whole months, everything allowed), else from the
    invoices."""
    if _sees_all(scope) and _whole_months(start, end):
        return [(group_id or None, currency, amount(units)) for group_id, currency, units in
                db.session.execute(
                    select(GroupSales.group_id, GroupSales.currency_code,
                           func.sum(GroupSales.invoiced))
                    .where(GroupSales.month >= start, GroupSales.month <= end)
                    .group_by(GroupSales.group_id, GroupSales.currency_code)
                    .having(func.sum(GroupSales.invoices) > 0)
                    .order_by(GroupSales.group_id, GroupSales.currency_code))]  # fmt: skip
    members = customer_group_members
    return db.session.execute(
        _reported(select(members.c.group_id, Document.currency_code,
                         func.sum(Document.total))
                  .outerjoin(members, members.c.customer_id == Document.customer_id)
                  .where(*_invoices_in(start, end)), scope)
        .group_by(members.c.group_id, Document.currency_code)
    ).all()  # fmt: skip


def top_groups(
    start: date, end: date, scope: Scope | None = None, currencies: int = 4, groups: int = 3
) -> list[tuple[str, list[GroupRow]]]:
    """The groups_report's first `groups` named groups by amount invoiced, for its first
    `currencies` currencies (the dashboard's card): the same sums, from the groups' monthly
    summary when it may be read (rows carry the name and the amount invoiced only)."""
    rows = _invoiced_per_group(start, end, scope)
    names = dict(db.session.execute(select(CustomerGroup.id, CustomerGroup.name)).all())
    per_currency: dict[str, list[GroupRow]] = {}
    for group_id, currency, invoiced in rows:  # group None: customers in no group
        listed = per_currency.setdefault(currency, [])
        if group_id is not None and names.get(group_id):
            listed.append(GroupRow(group_id, names[group_id], 0, 0, Decimal(invoiced or 0), ZERO))
    key_of = sort_key()  # equal amounts in the order of their names, as in the report
    return [(code, sorted(sorted(per_currency[code], key=lambda r: key_of(r.name)),
                          key=lambda r: r.invoiced, reverse=True)[:groups])
            for code in sorted(per_currency)[:currencies]]  # fmt: skip


def top_customers(
    start: date, end: date, limit: int = 50, scope: Scope | None = None
) -> list[tuple]:
    """Customers by amount paid on invoices of the range (those `scope` allows), per currency,
    with their groups."""
    rows = db.session.execute(
        _reported(select(Customer.id, Customer.company, Document.currency_code,
                         func.sum(Document.amount_paid).label("paid"), func.sum(Document.total))
                  .join(Document, Document.customer_id == Customer.id)
                  .where(*_invoices_in(start, end)), scope)
        .group_by(Customer.id, Customer.company, Document.currency_code)
        .order_by(Document.currency_code, func.sum(Document.amount_paid).desc()).limit(limit)
    ).all()  # fmt: skip
    ids = [row[0] for row in rows]
    groups: dict[int, list[str]] = {}
    if ids:
        for customer_id, name in db.session.execute(
            select(customer_group_members.c.customer_id, CustomerGroup.name)
            .join(CustomerGroup, CustomerGroup.id == customer_group_members.c.group_id)
            .where(customer_group_members.c.customer_id.in_(ids))
        ):  # fmt: skip
            groups.setdefault(customer_id, []).append(name)
    return [(row, collated(groups.get(row[0], []))) for row in rows]
