"""Check 6: the customer balances (summary rows kept by triggers, app/models/balance.py) are
what the documents add up to: per customer and currency, the open invoices (opening balances
among them) and their amount due, the open credit notes and their credit left. Two grouped
queries compared in Python."""

from decimal import Decimal

from sqlalchemy import delete, func, insert, select, text

from app.extensions import db
from app.models import Customer, CustomerBalance, Document
from app.models.balance import UNITS, amount
from app.models.sales import OPEN_CREDIT_SQL, OPEN_INVOICES_SQL
from app.services.integrity.registry import Problem, check, customer

FIELDS = ("open_invoices", "invoices_due", "open_credits", "credit_left", "balance")
ZERO = (0, 0, 0, 0, 0)


def _units(value) -> int:
    return int((Decimal(str(value or 0)) * UNITS).to_integral_value())


def _expected() -> dict[tuple[int, str], tuple[int, ...]]:
    """What the documents add up to, per (customer id, currency)."""
    left = Document.total - Document.amount_paid
    query = (
        select(Document.customer_id, Document.currency_code, Document.kind,
               func.count(), func.sum(left))
        .where(text(f"({OPEN_INVOICES_SQL}) OR ({OPEN_CREDIT_SQL})"))
        .group_by(Document.customer_id, Document.currency_code, Document.kind)
    )  # fmt: skip
    sums: dict[tuple[int, str], list[int]] = {}
    for customer_id, currency, kind, count, left_sum in db.session.execute(query):
        row = sums.setdefault((customer_id, currency), [0, 0, 0, 0, 0])
        units = _units(left_sum)
        if kind != "credit":  # an invoice or an opening balance: both are owed
            row[0], row[1], row[4] = row[0] + count, row[1] + units, row[4] + units
        else:
            row[2], row[3], row[4] = count, units, row[4] - units
    return {key: tuple(value) for key, value in sums.items()}


def _stored() -> dict[tuple[int, str], tuple[int, ...]]:
    columns = [getattr(CustomerBalance, name) for name in FIELDS]
    query = select(CustomerBalance.customer_id, CustomerBalance.currency_code, *columns)
    return {(r[0], r[1]): tuple(r[2:]) for r in db.session.execute(query)}


def _describe(values: tuple[int, ...]) -> str:
    invoices, due, credits, credit, balance = values
    return (f"{invoices} open invoice(s) due {amount(due)}, {credits} credit note(s) "
            f"with {amount(credit)} left, balance {amount(balance)}")  # fmt: skip


@check("balances", "Customer balances equal their open invoices and credit notes", order=60)
def customer_balances() -> list[Problem]:
    expected, stored = _expected(), _stored()
    wrong = sorted(key for key in expected.keys() | stored.keys()
                   if expected.get(key, ZERO) != stored.get(key, ZERO))  # fmt: skip
    if not wrong:
        return []
    ids = {customer_id for customer_id, _ in wrong}
    names = dict(db.session.execute(select(Customer.id, Customer.company)
                                    .where(Customer.id.in_(ids))).all())  # fmt: skip
    problems = []
    for customer_id, currency in wrong:
        want, found = (
            _describe(expected.get((customer_id, currency), ZERO)),
            _describe(stored.get((customer_id, currency), ZERO)),
        )
        problems.append(Problem(
            f"balance in {currency}", f"expected {want}; found {found}",
            customer(names.get(customer_id), customer_id), expected=want, found=found))  # fmt: skip
    return problems


def rebuild_balances() -> int:
    """Recompute every customer balance from the documents (after the check found them off, e.g.
    once triggers were disabled for a manual restore), with the documents' writers held off
    meanwhile (PostgreSQL: a SHARE lock; SQLite: the write lock the DELETE takes). Rows
    written; the caller commits."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("LOCK TABLE sales_documents IN SHARE MODE"))
    db.session.execute(delete(CustomerBalance))
    rows = [{"customer_id": customer_id, "currency_code": currency,
             **dict(zip(FIELDS, values, strict=True))}
            for (customer_id, currency), values in _expected().items()]  # fmt: skip
    if rows:
        db.session.execute(insert(CustomerBalance), rows)
    return len(rows)
