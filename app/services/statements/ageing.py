"""The ageing report over the invoices (and credit notes) the asking person's scope allows for
reports ("reports: view own": those of the customers they are assigned to): what each customer
owes today, by days past the due date, per currency, less its unapplied credit (one grouped
query for the rows, one for the totals)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, or_, select

from app.extensions import db
from app.models import Currency, Customer, CustomerBalance, Document
from app.models.balance import amount, listed
from app.services.lists import Page
from app.services.sales.status import open_invoice
from app.services.sales.totals import quantize
from app.services.scope import Scope
from app.services.statements.service import BUCKETS

ZERO = Decimal(0)
COLUMNS = (*BUCKETS, "unapplied_credit")
BATCH = 500
PAGE_ROWS = 100  # rows of the ageing report and the sales journal on one page


@dataclass
class AgeingRow:
    customer_id: int | None  # None: the currency's totals row
    company: str
    currency: str
    current: Decimal = ZERO
    days_1_30: Decimal = ZERO
    days_31_60: Decimal = ZERO
    days_61_90: Decimal = ZERO
    over_90: Decimal = ZERO
    unapplied_credit: Decimal = ZERO
    total: Decimal = ZERO
    customers: int = 1


def _reported(query, scope: Scope | None, entity=Document):
    return query if scope is None else scope.narrow(query, entity, "reports")


def _due(document=Document):
    return document.total - document.amount_paid


def _bucket_sums(today: date, due=Document.due_date, amount=None) -> list:
    """SQL: the sum of `amount` (by default the amount due of the documents) of the rows in
    each ageing bucket on `today`, by their due date `due`."""
    amount, day = _due() if amount is None else amount, today
    conditions = {
        "current": or_(due.is_(None), due >= day),
        "days_1_30": and_(due < day, due >= day - timedelta(days=30)),
        "days_31_60": and_(due < day - timedelta(days=30), due >= day - timedelta(days=60)),
        "days_61_90": and_(due < day - timedelta(days=60), due >= day - timedelta(days=90)),
        "over_90": due < day - timedelta(days=90),
    }
    return [
        func.sum(amount).filter(condition).label(name) for name, condition in conditions.items()
    ]


def _listed(scope: Scope | None):
    """SQL: (currency, customer_id, balance, credit_left) of every customer owing or owed,
    from the balances the database keeps per customer and currency (app/models/balance.py),
    largest first."""
    query = (select(CustomerBalance.currency_code.label("currency"), CustomerBalance.customer_id,
                    CustomerBalance.balance, CustomerBalance.credit_left)
             .where(listed())
             .order_by(CustomerBalance.currency_code, CustomerBalance.balance.desc(),
                       CustomerBalance.customer_id))  # fmt: skip
    return _reported(query, scope, CustomerBalance)


def ageing_rows(today: date, scope: Scope | None = None, limit: int | None = None,
                offset: int = 0) -> list[AgeingRow]:  # fmt: skip
    """A row per customer and currency (largest balance first), `limit` rows from `offset`:
    the order from one grouped query, then the buckets of those customers only."""
    query = _listed(scope).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    order = db.session.execute(query).all()
    return _detailed(today, order, scope)


def _detailed(today: date, order: list, scope: Scope | None) -> list[AgeingRow]:
    """The ageing rows of `_listed` rows, in that order (their credit left from the balances,
    their buckets from the open invoices of those customers)."""
    ids = sorted({row.customer_id for row in order})
    if not ids:
        return []
    rows = {(r.currency, r.customer_id): AgeingRow(
                r.customer_id, "", r.currency, unapplied_credit=amount(r.credit_left),
                total=amount(r.balance)) for r in order}  # fmt: skip
    names = dict(db.session.execute(select(Customer.id, Customer.company)
                                    .where(Customer.id.in_(ids))).all())  # fmt: skip
    buckets = _reported(select(Document.currency_code, Document.customer_id, *_bucket_sums(today))
                        .where(open_invoice(), Document.customer_id.in_(ids)), scope)  # fmt: skip
    for currency, customer_id, *sums in db.session.execute(
        buckets.group_by(Document.currency_code, Document.customer_id)
    ):
        row = rows.get((currency, customer_id))
        if row is not None:
            for name, value in zip(BUCKETS, sums, strict=True):
                setattr(row, name, Decimal(value or 0))
    places = _decimals()
    result = []
    for key in ((r.currency, r.customer_id) for r in order):
        row = rows[key]
        row.company = names.get(row.customer_id, "")
        _round_row(row, places.get(row.currency, 2))
        result.append(row)
    return result


def _decimals() -> dict[str, int]:
    """The decimals of each currency (Settings → Currencies)."""
    return {code: decimals for code, decimals in db.session.execute(
        select(Currency.code, Currency.decimals))}  # fmt: skip


def _round_row(row: AgeingRow, places: int) -> None:
    for name in (*COLUMNS, "total"):
        setattr(row, name, quantize(Decimal(getattr(row, name) or 0), places))


def ageing_totals(today: date, scope: Scope | None = None) -> list[AgeingRow]:
    """Per currency, the totals row and how many customers owe or are owed: the buckets from
    the open invoices summed per due date (ix_sales_documents_open_due), the customers and
    their credit left from the balances the database keeps (app/models/balance.py)."""
    rows: dict[str, AgeingRow] = {}
    by_due = (_reported(select(Document.currency_code.label("currency"), Document.due_date,
                               func.sum(_due()).label("due")).where(open_invoice()), scope)
              .group_by(Document.currency_code, Document.due_date).subquery("by_due"))  # fmt: skip
    buckets = select(by_due.c.currency, *_bucket_sums(today, by_due.c.due_date, by_due.c.due))
    for currency, *sums in db.session.execute(buckets.group_by(by_due.c.currency)):
        row = rows[currency] = AgeingRow(None, "", currency, customers=0)
        for name, value in zip(BUCKETS, sums, strict=True):
            setattr(row, name, Decimal(value or 0))
    owing = _reported(select(CustomerBalance.currency_code, func.count(),
                              func.sum(CustomerBalance.credit_left))
                       .where(listed()), scope, CustomerBalance)  # fmt: skip
    for currency, customers, credit in db.session.execute(
        owing.group_by(CustomerBalance.currency_code)
    ):
        row = rows.setdefault(currency, AgeingRow(None, "", currency, customers=0))
        row.customers, row.unapplied_credit = customers, amount(credit or 0)
    places = _decimals()
    for row in rows.values():
        row.total = sum((getattr(row, b) for b in BUCKETS), ZERO) - row.unapplied_credit
        _round_row(row, places.get(row.currency, 2))
    return [rows[code] for code in sorted(rows)]


def ageing_export_rows(today: date, scope: Scope | None = None) -> Iterator[list]:
    """Every row of the ageing report, in batches (for CSV and XLSX): the order once, then
    the buckets a batch of customers at a time."""
    order = db.session.execute(_listed(scope)).all()
    for start in range(0, len(order), BATCH):
        yield _detailed(today, order[start : start + BATCH], scope)


def ageing_page(today: date, number: int, scope: Scope | None = None):
    """One page of the ageing report, and its totals rows per currency."""
    totals = ageing_totals(today, scope)
    count = sum(row.customers for row in totals)
    pages = max(1, -(-count // PAGE_ROWS))
    number = min(max(number, 1), pages)
    rows = ageing_rows(today, scope, PAGE_ROWS, (number - 1) * PAGE_ROWS)
    return Page(rows, number, pages, count), totals
