"""Check 7: the document tallies (summary rows kept by triggers, app/models/tally.py) are what
the documents add up to: per kind, status, currency and due date, how many documents and their
totals and amounts left. Two grouped queries compared in Python. The customer counts (how
many customers are active and inactive) likewise."""

from decimal import Decimal

from sqlalchemy import delete, func, insert, select, text

from app.extensions import db
from app.models import Customer, CustomerCount, Document, DocumentTally
from app.models.balance import UNITS, amount
from app.models.tally import NO_DUE_DATE
from app.services.integrity.registry import Problem, check

ZERO = (0, 0, 0)


def _units(value) -> int:
    return int((Decimal(str(value or 0)) * UNITS).to_integral_value())


def _expected() -> dict[tuple, tuple[int, int, int]]:
    """What the documents add up to, per (kind, status, currency, due date)."""
    due = func.coalesce(Document.due_date, NO_DUE_DATE)
    query = (
        select(Document.kind, Document.status, Document.currency_code, due, func.count(),
               func.sum(Document.total), func.sum(Document.total - Document.amount_paid))
        .group_by(Document.kind, Document.status, Document.currency_code, due)
    )  # fmt: skip
    rows = db.session.execute(query)
    return {(kind, status, code, _day(day)): (count, _units(total), _units(left))
            for kind, status, code, day, count, total, left in rows}  # fmt: skip


def _day(value):
    """A date as the grouped query gives it (SQLite: a string through COALESCE)."""
    return value if not isinstance(value, str) else type(NO_DUE_DATE).fromisoformat(value)


def _stored() -> dict[tuple, tuple[int, int, int]]:
    query = select(DocumentTally.kind, DocumentTally.status, DocumentTally.currency_code,
                   DocumentTally.due_date, DocumentTally.documents, DocumentTally.total,
                   DocumentTally.remaining)  # fmt: skip
    return {tuple(r[:4]): tuple(r[4:]) for r in db.session.execute(query)}


def _describe(values: tuple[int, int, int]) -> str:
    count, total, left = values
    return f"{count} document(s), total {amount(total)}, {amount(left)} left"


@check("tallies", "Document tallies equal the documents they count", order=70)
def document_tallies() -> list[Problem]:
    expected, stored = _expected(), _stored()
    wrong = sorted(key for key in expected.keys() | stored.keys()
                   if expected.get(key, ZERO) != stored.get(key, ZERO))  # fmt: skip
    problems = []
    for kind, status, currency, due in wrong:
        want = _describe(expected.get((kind, status, currency, due), ZERO))
        found = _describe(stored.get((kind, status, currency, due), ZERO))
        due_text = "no due date" if due == NO_DUE_DATE else f"due {due.isoformat()}"
        problems.append(Problem(
            f"tally of {kind} {status} in {currency}, {due_text}",
            f"expected {want}; found {found}", expected=want, found=found))  # fmt: skip
    return problems


def rebuild_tallies() -> int:
    """Recompute every document tally from the documents (after the check found them off),
    with the documents' writers held off meanwhile (as rebuild_balances). Rows written; the
    caller commits."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("LOCK TABLE sales_documents IN SHARE MODE"))
    db.session.execute(delete(DocumentTally))
    rows = [{"kind": kind, "status": status, "currency_code": code, "due_date": due,
             "documents": count, "total": total, "remaining": left}
            for (kind, status, code, due), (count, total, left) in _expected().items()]  # fmt: skip
    if rows:
        db.session.execute(insert(DocumentTally), rows)
    return len(rows)


def _customers_expected() -> dict[str, int]:
    query = select(Customer.active, func.count()).group_by(Customer.active)
    counts = {bool(active): count for active, count in db.session.execute(query)}
    return {"active": counts.get(True, 0), "inactive": counts.get(False, 0)}


@check("customer_counts", "Customer counts equal the customers they count", order=71)
def customer_counts() -> list[Problem]:
    expected = _customers_expected()
    row = db.session.get(CustomerCount, 1)
    stored = {"active": row.active, "inactive": row.inactive} if row else {}
    problems = []
    for which, want in expected.items():
        found = stored.get(which)
        if want != found:
            found_text = "no count" if found is None else f"{found}"
            problems.append(Problem(f"count of {which} customers",
                                    f"expected {want} customer(s); found {found_text}",
                                    expected=str(want), found=found_text))  # fmt: skip
    return problems


def rebuild_customer_counts() -> None:
    """Recompute the customer counts from the customers, with the customers' writers held
    off meanwhile; the caller commits."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("LOCK TABLE customers IN SHARE MODE"))
    db.session.execute(delete(CustomerCount))
    db.session.execute(insert(CustomerCount), [{"id": 1, **_customers_expected()}])
