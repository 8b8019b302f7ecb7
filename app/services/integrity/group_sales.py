"""Check 7: the groups' sales summary (rows kept by triggers, app/models/group_sales.py) is what
the invoices add up to: per group (0: every invoice), currency and month of issue, the invoices
counted, their amount invoiced and paid. Grouped queries compared in Python."""

from datetime import date
from decimal import Decimal

from sqlalchemy import delete, func, insert, select, text

from app.extensions import db
from app.models import CustomerGroup, Document, GroupSales, customer_group_members
from app.models.balance import UNITS, amount
from app.services.integrity.registry import Problem, check

FIELDS = ("invoices", "invoiced", "paid")
ZERO = (0, 0, 0)
Key = tuple[int, str, date]


def _units(value) -> int:
    return int((Decimal(str(value or 0)) * UNITS).to_integral_value())


def _month(day) -> date:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return day.replace(day=1)


def _expected() -> dict[Key, tuple[int, int, int]]:
    """What the invoices add up to, per (group id, currency, first day of the month)."""
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
    for customer_id, currency, day, count, total, paid in db.session.execute(per_day):
        month, invoiced, received = _month(day), _units(total), _units(paid)
        for group_id in (0, *groups.get(customer_id, ())):
            row = sums.setdefault((group_id, currency, month), [0, 0, 0])
            row[0] += count
            row[1] += invoiced
            row[2] += received
    return {key: tuple(value) for key, value in sums.items()}


def _stored() -> dict[Key, tuple[int, int, int]]:
    columns = [getattr(GroupSales, name) for name in FIELDS]
    query = select(GroupSales.group_id, GroupSales.currency_code, GroupSales.month, *columns)
    return {(r[0], r[1], _month(r[2])): tuple(r[3:]) for r in db.session.execute(query)}


def _describe(values: tuple[int, int, int]) -> str:
    invoices, invoiced, paid = values
    return f"{invoices} invoice(s), {amount(invoiced)} invoiced, {amount(paid)} paid"


@check("group_sales", "Groups' sales summary equals their invoices", order=61)
def group_sales() -> list[Problem]:
    expected, stored = _expected(), _stored()
    wrong = sorted(key for key in expected.keys() | stored.keys()
                   if expected.get(key, ZERO) != stored.get(key, ZERO))  # fmt: skip
    if not wrong:
        return []
    names = dict(db.session.execute(select(CustomerGroup.id, CustomerGroup.name)).all())
    problems = []
    for group_id, currency, month in wrong:
        who = "every invoice" if group_id == 0 else f"group {names.get(group_id)} (id {group_id})"
        want = _describe(expected.get((group_id, currency, month), ZERO))
        found = _describe(stored.get((group_id, currency, month), ZERO))
        problems.append(Problem(f"sales of {who} in {currency}, {month:%Y-%m}",
                                f"expected {want}; found {found}",
                                expected=want, found=found))  # fmt: skip
    return problems


def rebuild_group_sales() -> int:
    """Recompute the groups' sales summary from the invoices (after the check found it off),
    with the invoices' and memberships' writers held off meanwhile (PostgreSQL: SHARE locks;
    SQLite: the write lock the DELETE takes). Rows written; the caller commits."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("LOCK TABLE sales_documents, customer_group_members IN SHARE MODE"))
    db.session.execute(delete(GroupSales))
    rows = [{"group_id": group_id, "currency_code": currency, "month": month,
             **dict(zip(FIELDS, values, strict=True))}
            for (group_id, currency, month), values in _expected().items()]  # fmt: skip
    if rows:
        db.session.execute(insert(GroupSales), rows)
    return len(rows)
