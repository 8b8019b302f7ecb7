"""Check 3: statuses agree with numbers, amounts and dates. An invoice or a credit note is a
draft exactly while it has no number (a cancelled draft has none either); estimates and
proposals are numbered when saved. An issued invoice is unpaid, partial or paid by its amount
paid against its total (app/services/sales/paid.payment_status), an issued credit note open
while credit is left (paid.refresh_paid); a cancelled invoice has no payment and was credited
in full: the credit applied to it (its automatic credit note) plus the credit notes issued from
it before, not applied to it, make its total (app/services/sales/cancelling). No payment on a
draft, none dated before its document's issue date. An opening balance has no number and its
status follows its payments as an invoice's does."""

from decimal import Decimal

from sqlalchemy import and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import (
    CREDIT_NOTE_STATUSES,
    ESTIMATE_STATUSES,
    INVOICE_STATUSES,
    PROPOSAL_STATUSES,
    CreditApplication,
    Customer,
    Document,
    Payment,
)
from app.models.sales import OPENING_KIND, OWED_KINDS
from app.services.integrity.registry import Problem, amount, check, customer, document

# An opening balance (app/services/sales/opening.py) has no number and is never a draft.
OPENING_STATUSES = ("unpaid", "partial", "paid")
ALLOWED = {"invoice": INVOICE_STATUSES, "credit": CREDIT_NOTE_STATUSES,
           "estimate": ESTIMATE_STATUSES, "proposal": PROPOSAL_STATUSES,
           OPENING_KIND: OPENING_STATUSES}  # fmt: skip

ISSUED = {"invoice": ("unpaid", "partial", "paid"), "credit": ("open", "closed")}
UNNUMBERED = (*ISSUED, OPENING_KIND)  # numbered when issued, or never


def _expected_status():
    """SQL: the status an issued invoice or credit note should have from its amounts."""
    paid, total = Document.amount_paid, Document.total
    return case(
        (and_(Document.kind.in_(OWED_KINDS), paid <= 0), literal("unpaid")),
        (and_(Document.kind.in_(OWED_KINDS), paid >= total), literal("paid")),
        (Document.kind.in_(OWED_KINDS), literal("partial")),
        (total - paid > 0, literal("open")),
        else_=literal("closed"),
    )


def _credited_before():
    """SQL: the totals of the issued credit notes made from this invoice and not applied to it
    (credited before it was cancelled; its automatic credit note covers the rest)."""
    note = aliased(Document)
    applied = exists().where(CreditApplication.credit_note_id == note.id,
                             CreditApplication.invoice_id == Document.id)  # fmt: skip
    return (
        select(func.coalesce(func.sum(note.total), 0))
        .where(note.kind == "credit", note.credited_invoice_id == Document.id,
               note.status != "draft", ~applied)
        .scalar_subquery()
    )  # fmt: skip


def _rows(*conditions, columns=()):
    query = (
        select(Document.id, Document.kind, Document.number, Document.status, Document.sequence,
               Document.customer_id, Customer.company, Document.total, Document.amount_paid,
               Document.currency_code, Document.currency_decimals, *columns)
        .join(Customer, Customer.id == Document.customer_id, isouter=True)
        .where(or_(*conditions)).order_by(Document.id)
    )  # fmt: skip
    return db.session.execute(query).all()


def _status_problems() -> list[Problem]:
    """One query: every document whose status disagrees with its kind, number or amounts."""
    expected, before = _expected_status(), _credited_before()
    numbered_late = Document.kind.in_(ISSUED)
    unknown = [and_(Document.kind == k, Document.status.not_in(s)) for k, s in ALLOWED.items()]
    conditions = [
        Document.kind.not_in(ALLOWED), *unknown,
        and_(numbered_late, Document.status == "draft", Document.number.is_not(None)),
        and_(numbered_late, Document.status.not_in(("draft", "cancelled")),
             Document.number.is_(None)),
        and_(Document.kind.not_in(UNNUMBERED), Document.number.is_(None)),
        and_(Document.kind == OPENING_KIND,
             or_(Document.number.is_not(None), Document.status != expected)),
        Document.number.is_(None) != Document.sequence.is_(None),
        and_(Document.status.in_(ISSUED["invoice"] + ISSUED["credit"]), numbered_late,
             Document.status != expected),
        and_(Document.kind == "invoice", Document.status == "cancelled",
             Document.number.is_not(None), Document.amount_paid != case(
                 (Document.total > 0, Document.total - before), else_=literal(0))),
    ]  # fmt: skip
    problems = []
    columns = (expected.label("expected"), before.label("credited_before"))
    for row in _rows(*conditions, columns=columns):
        problems.extend(_explain(row))
    return problems


def _explain(row) -> list[Problem]:
    name, who = document(row.kind, row.number, row.id), customer(row.company, row.customer_id)
    status = row.status

    def problem(message, wanted=None, found=None):
        return Problem(name, message, who, expected=wanted, found=found)

    allowed = ALLOWED.get(row.kind)
    if allowed is None:
        return [problem(f"unknown kind {row.kind!r}", "/".join(ALLOWED), row.kind)]
    if status not in allowed:
        return [problem(f"unknown status {status!r}", "/".join(allowed), status)]
    found = []
    if row.kind in ISSUED and status == "draft" and row.number:
        found.append(problem("a draft with a number", "no number", row.number))
    if row.kind in ISSUED and status not in ("draft", "cancelled") and not row.number:
        found.append(problem(f"status {status} without a number", "a number", "none"))
    if row.kind == OPENING_KIND and row.number:
        found.append(problem("an opening balance with a number", "no number", row.number))
    if row.kind == OPENING_KIND and status != row.expected:
        found.append(problem(f"status {status}: expected {row.expected}", row.expected, status))
    if row.kind not in UNNUMBERED and not row.number:
        found.append(problem("no number (numbered when saved)", "a number", "none"))
    if (row.number is None) != (row.sequence is None):
        found.append(problem(f"number {row.number!r} with sequence {row.sequence!r}",
                             "both or neither", f"{row.number!r}/{row.sequence!r}"))  # fmt: skip
    if row.kind in ISSUED and status in ISSUED[row.kind] and status != row.expected:
        paid = amount(row.amount_paid, row.currency_decimals, row.currency_code)
        total = amount(row.total, row.currency_decimals, row.currency_code)
        found.append(problem(f"status {status}: expected {row.expected} "
                             f"(paid {paid} of {total})", row.expected, status))  # fmt: skip
    total, before = Decimal(str(row.total or 0)), Decimal(str(row.credited_before or 0))
    credited = Decimal(str(row.amount_paid or 0)) == (total - before if total > 0 else 0)
    if row.kind == "invoice" and status == "cancelled" and row.number and not credited:
        paid = amount(row.amount_paid, row.currency_decimals, row.currency_code)
        total = amount(row.total, row.currency_decimals, row.currency_code)
        found.append(problem(f"cancelled but not credited in full (credit applied {paid}, "
                             f"total {total})", total, paid))  # fmt: skip
    return found


def _payment_problems() -> list[Problem]:
    """Payments on a draft or cancelled document, or dated before its issue date."""
    query = (
        select(Payment.id, Payment.paid_on, Payment.amount, Document.id.label("document_id"),
               Document.kind, Document.number, Document.status, Document.issue_date,
               Document.customer_id, Document.currency_code, Document.currency_decimals,
               Customer.company)
        .join(Document, Document.id == Payment.document_id)
        .join(Customer, Customer.id == Document.customer_id, isouter=True)
        .where(Document.status.in_(("draft", "cancelled"))
               | (Payment.paid_on < Document.issue_date))
        .order_by(Payment.id)
    )  # fmt: skip
    problems = []
    for row in db.session.execute(query):
        paid = amount(row.amount, row.currency_decimals, row.currency_code)
        name = f"payment id {row.id} of {paid} on {document(row.kind, row.number, row.document_id)}"
        who = customer(row.company, row.customer_id)
        if row.status in ("draft", "cancelled"):
            problems.append(Problem(name, f"a payment on a {row.status} document", who,
                                    expected="none", found=paid))  # fmt: skip
        if row.paid_on < row.issue_date:
            problems.append(Problem(name, (
                f"paid on {row.paid_on}, before the issue date {row.issue_date}"), who,
                expected=f"on or after {row.issue_date}", found=str(row.paid_on)))  # fmt: skip
    return problems


@check("statuses", "Statuses agree with numbers, amounts and dates", order=30)
def statuses() -> list[Problem]:
    return _status_problems() + _payment_problems()
