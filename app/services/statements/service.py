"""A customer's statement of account: per currency, the opening balance, every movement of the
period with a running balance, the closing balance and what is due at the end, by age.

Movements: issued invoices (+ total), opening balances (+ amount owed on their date, brought
from the old system: app/services/sales/opening.py), issued credit notes (− total), payments
on invoices and opening balances (− amount), refunds on credit notes (+ amount). Applying a
credit note to an invoice moves nothing (the credit note already lowered the balance). Drafts
never count.

Cancelled invoices: a cancelled invoice is shown (+ total) only when a credit note was issued
for it (its automatic credit note, − total): the two appear and net to zero. A cancelled
invoice without a credit note (cancelled before credit notes existed) is left out, as if it
had never been issued. Either way it adds nothing to the balance nor to the ageing.

The sums (opening balance, ageing) are done in SQL, over the rows the scope allows."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, case, exists, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import CreditApplication, Document, Payment
from app.models.sales import OPENING_KIND, OWED_KINDS
from app.services.scope import Scope

ZERO = Decimal(0)
BUCKETS = ("current", "days_1_30", "days_31_60", "days_61_90", "over_90")
# The order of a day's movements: documents before the money that settles them.
ORDER = {"opening": -1, "invoice": 0, "credit": 1, "payment": 2, "refund": 3}


@dataclass
class Movement:
    day: date
    kind: str  # opening, invoice, credit, payment, refund
    document_id: int
    number: str | None  # an opening balance's: its reference in the old system
    amount: Decimal  # signed: what it adds to the balance
    balance: Decimal = ZERO
    of_kind: str = "invoice"  # the kind of the document it moves (a payment's: invoice, opening)


@dataclass
class Ageing:
    """What is due at the statement's end, by days past the due date; open credit apart."""

    current: Decimal = ZERO
    days_1_30: Decimal = ZERO
    days_31_60: Decimal = ZERO
    days_61_90: Decimal = ZERO
    over_90: Decimal = ZERO
    unapplied_credit: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return sum((getattr(self, b) for b in BUCKETS), ZERO) - self.unapplied_credit


@dataclass
class CurrencyStatement:
    currency: str
    decimals: int
    opening: Decimal
    movements: list[Movement] = field(default_factory=list)
    ageing: Ageing = field(default_factory=Ageing)

    @property
    def closing(self) -> Decimal:
        return self.movements[-1].balance if self.movements else self.opening


@dataclass
class Statement:
    customer_id: int
    start: date
    end: date
    currencies: list[CurrencyStatement]


def _credited_exists():
    """SQL: an issued credit note was made from this (cancelled) invoice."""
    credit = aliased(Document)
    return exists().where(credit.credited_invoice_id == Document.id, credit.kind == "credit",
                          credit.status != "draft")  # fmt: skip


def counted_invoice():
    """SQL: an invoice on the statement (issued; cancelled only with its credit note)."""
    return and_(Document.kind == "invoice", Document.status != "draft",
                or_(Document.status != "cancelled", _credited_exists()))  # fmt: skip


def counted_opening():
    """SQL: an opening balance (app/services/sales/opening.py)."""
    return Document.kind == OPENING_KIND


def counted_credit_note():
    """SQL: an issued credit note."""
    return and_(Document.kind == "credit", Document.status != "draft")


def _on_invoice(if_invoice: str, if_credit: str, if_opening: str | None = None):
    """SQL: one word for a row of an invoice, another for a row of a credit note (and one for
    a row of an opening balance, by default the invoice's)."""
    return case((Document.kind == "invoice", literal(if_invoice)),
                (Document.kind == OPENING_KIND, literal(if_opening or if_invoice)),
                else_=literal(if_credit))  # fmt: skip


def _movements(customer_id: int, scope: Scope | None):
    """SQL: every movement of the customer, signed (columns day, kind, document_id, number,
    currency, decimals, amount), over the documents `scope` allows."""

    def narrow(query):
        return query if scope is None else scope.narrow(query, Document, "invoices")

    mine = Document.customer_id == customer_id
    counted = or_(counted_invoice(), counted_opening(), counted_credit_note())
    # An opening balance has no number: its reference in the old system (in `notes`) shows.
    number = case((Document.kind == OPENING_KIND, Document.notes), else_=Document.number)
    owed = Document.kind.in_(OWED_KINDS)
    documents = narrow(select(
        Document.issue_date.label("day"),
        _on_invoice("invoice", "credit", "opening").label("kind"),
        Document.id.label("document_id"), number.label("number"),
        Document.currency_code.label("currency"), Document.currency_decimals.label("decimals"),
        case((owed, Document.total), else_=-Document.total).label("amount"),
        Document.kind.label("of_kind"),
    ).where(mine, counted))  # fmt: skip
    money = narrow(select(
        Payment.paid_on.label("day"),
        _on_invoice("payment", "refund").label("kind"),
        Document.id.label("document_id"), number.label("number"),
        Document.currency_code.label("currency"), Document.currency_decimals.label("decimals"),
        case((owed, -Payment.amount), else_=Payment.amount).label("amount"),
        Document.kind.label("of_kind"),
    ).join(Document, Document.id == Payment.document_id)
     .where(mine, counted))  # fmt: skip
    return union_all(documents, money).subquery()


def customer_statement(
    customer_id: int, start: date, end: date, scope: Scope | None = None
) -> Statement:
    """The statement of `customer_id` from `start` to `end` (both included), per currency."""
    moves = _movements(customer_id, scope)
    opening = dict(db.session.execute(
        select(moves.c.currency, func.sum(moves.c.amount))
        .where(moves.c.day < start).group_by(moves.c.currency)
    ).all())  # fmt: skip
    decimals = dict(db.session.execute(
        select(moves.c.currency, func.max(moves.c.decimals))
        .where(moves.c.day <= end).group_by(moves.c.currency)
    ).all())  # fmt: skip
    order = case(*((moves.c.kind == k, v) for k, v in ORDER.items()), else_=9)
    rows = db.session.execute(
        select(moves.c.day, moves.c.kind, moves.c.document_id, moves.c.number,
               moves.c.currency, moves.c.amount, moves.c.of_kind)
        .where(moves.c.day >= start, moves.c.day <= end)
        .order_by(moves.c.currency, moves.c.day, order, moves.c.document_id)
    ).all()  # fmt: skip
    statements = {
        code: CurrencyStatement(code, places, _round(opening.get(code), places))
        for code, places in decimals.items()
    }
    for day, kind, document_id, number, currency, amount, of_kind in rows:
        statement = statements[currency]
        amount = _round(amount, statement.decimals)
        movement = Movement(day, kind, document_id, number, amount, of_kind=of_kind)
        movement.balance = statement.closing + amount
        statement.movements.append(movement)
    for currency, ageing in ageing_at(customer_id, end, scope).items():
        if currency in statements:
            places = statements[currency].decimals
            for name in (*BUCKETS, "unapplied_credit"):
                setattr(ageing, name, _round(getattr(ageing, name), places))
            statements[currency].ageing = ageing
    return Statement(customer_id, start, end, [statements[c] for c in sorted(statements)])


def _round(value, places: int) -> Decimal:
    return Decimal(value or 0).quantize(Decimal(1).scaleb(-places))


def bucket_of(due_date, day: date):
    """SQL: the ageing bucket of a due date on `day` (no due date: current)."""
    return case(
        (or_(due_date.is_(None), due_date >= day), literal("current")),
        (due_date >= day - timedelta(days=30), literal("days_1_30")),
        (due_date >= day - timedelta(days=60), literal("days_31_60")),
        (due_date >= day - timedelta(days=90), literal("days_61_90")),
        else_=literal("over_90"),
    )


def ageing_at(customer_id: int, day: date, scope: Scope | None = None) -> dict[str, Ageing]:
    """Per currency, what the customer owed on `day` (payments and credit applied up to that
    day), by age, and the credit left on its credit notes that day (unapplied credit)."""
    paid = (select(func.coalesce(func.sum(Payment.amount), 0))
            .where(Payment.document_id == Document.id, Payment.paid_on <= day)
            .scalar_subquery())  # fmt: skip
    applied_to = (select(func.coalesce(func.sum(CreditApplication.amount), 0))
                  .where(CreditApplication.invoice_id == Document.id,
                         CreditApplication.applied_on <= day).scalar_subquery())  # fmt: skip
    applied_from = (select(func.coalesce(func.sum(CreditApplication.amount), 0))
                    .where(CreditApplication.credit_note_id == Document.id,
                           CreditApplication.applied_on <= day).scalar_subquery())  # fmt: skip
    cancelled = aliased(Document)
    for_cancelled = exists().where(cancelled.id == Document.credited_invoice_id,
                                   cancelled.status == "cancelled")  # fmt: skip
    bucket = case((Document.kind == "credit", literal("unapplied_credit")),
                  else_=bucket_of(Document.due_date, day)).label("bucket")  # fmt: skip
    query = select(
        Document.currency_code, bucket, func.sum(Document.total - paid - applied_to - applied_from)
    ).where(
        Document.customer_id == customer_id, Document.issue_date <= day,
        or_(and_(Document.kind.in_(OWED_KINDS), Document.status.not_in(("draft", "cancelled"))),
            and_(counted_credit_note(), ~for_cancelled)),
    )  # fmt: skip
    if scope is not None:
        query = scope.narrow(query, Document, "invoices")
    result: dict[str, Ageing] = {}
    for currency, name, amount in db.session.execute(
        query.group_by(Document.currency_code, bucket)
    ):
        setattr(result.setdefault(currency, Ageing()), name, Decimal(amount or 0))
    return result
