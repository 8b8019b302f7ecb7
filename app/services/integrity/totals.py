"""Check 1: every document's subtotal and total are what its lines, line taxes and discount
give, computed by the one place amounts are computed (app/services/sales/totals.py), in batches
of documents read with their lines and taxes in three queries."""

import time
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select

from app.extensions import db
from app.models import Customer, Document, DocumentItem, DocumentItemTax
from app.models.sales import OPENING_KIND
from app.services.integrity.registry import Problem, Skipped, amount, check, customer, document
from app.services.sales.totals import Line, compute

BATCH = 1000
# Past this many seconds the check stops and says how far it got (`check-data --time-limit`).
TIME_LIMIT = {"seconds": 300.0}


def _documents(after: int):
    query = (
        select(Document.id, Document.kind, Document.number, Document.customer_id,
               Customer.company, Document.currency_code, Document.currency_decimals,
               Document.discount_type, Document.discount_value, Document.discount_before_tax,
               Document.subtotal, Document.total)
        .join(Customer, Customer.id == Document.customer_id, isouter=True)
        .where(Document.id > after, Document.kind != OPENING_KIND)  # no lines: its amount
        .order_by(Document.id).limit(BATCH)
    )  # fmt: skip
    return db.session.execute(query).all()


def _lines(first: int, last: int) -> dict[int, list[Line]]:
    """The lines of the documents with ids first..last, with their taxes (two queries)."""
    between = DocumentItem.document_id.between(first, last)
    taxes = defaultdict(list)
    tax_rows = db.session.execute(
        select(DocumentItemTax.item_id, DocumentItemTax.name, DocumentItemTax.percent)
        .join(DocumentItem, DocumentItem.id == DocumentItemTax.item_id)
        .where(between).order_by(DocumentItemTax.id)
    )  # fmt: skip
    for item_id, name, percent in tax_rows:
        taxes[item_id].append((name, Decimal(percent)))
    lines = defaultdict(list)
    item_rows = db.session.execute(
        select(DocumentItem.id, DocumentItem.document_id, DocumentItem.quantity, DocumentItem.rate)
        .where(between).order_by(DocumentItem.document_id, DocumentItem.position, DocumentItem.id)
    )  # fmt: skip
    for item_id, document_id, quantity, rate in item_rows:
        lines[document_id].append(Line(Decimal(quantity), Decimal(rate), tuple(taxes[item_id])))
    return lines


def _compare(row, lines: list[Line]) -> list[Problem]:
    decimals = row.currency_decimals
    totals = compute(lines, decimals, row.discount_type, Decimal(row.discount_value or 0),
                     row.discount_before_tax)  # fmt: skip
    problems = []
    for label, expected, found in (("subtotal", totals.subtotal, row.subtotal),
                                   ("total", totals.total, row.total)):  # fmt: skip
        if Decimal(str(found or 0)) != expected:
            wanted = amount(expected, decimals, row.currency_code)
            stored = amount(found, decimals, row.currency_code)
            problems.append(Problem(
                document(row.kind, row.number, row.id),
                f"{label}: expected {wanted} from its lines, found {stored}",
                customer(row.company, row.customer_id), expected=wanted, found=stored,
            ))  # fmt: skip
    return problems


@check("totals", "Document totals equal their lines, taxes and discount", order=10)
def document_totals() -> list[Problem] | Skipped:
    problems: list[Problem] = []
    started, after, seen = time.monotonic(), 0, 0
    while rows := _documents(after):
        lines = _lines(rows[0].id, rows[-1].id)
        for row in rows:
            problems.extend(_compare(row, lines.get(row.id, [])))
        after, seen = rows[-1].id, seen + len(rows)
        if time.monotonic() - started > TIME_LIMIT["seconds"]:
            return Skipped(
                f"stopped after {seen} documents (up to id {after}) and "
                f"{TIME_LIMIT['seconds']:.0f} s; the rest was not checked",
                problems,
            )
    return problems
