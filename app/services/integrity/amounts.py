"""Check 2: what was paid. An invoice's `amount_paid` is its payments plus the credit applied to
it; a credit note's is the credit applied from it plus its refunds (payments on the credit
note). Nothing is applied or paid beyond a document's total, and credit goes only between
documents of the same customer and currency. A few grouped queries; SQL picks the candidate
rows (SQLite sums in floating point) and Python compares them exactly, rounded to the currency."""

from decimal import Decimal

from sqlalchemy import func, literal, or_, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import CreditApplication, Customer, Document, Payment
from app.services.integrity.registry import Problem, amount, check, customer, document
from app.services.sales.totals import quantize

NOISE = Decimal("0.00005")  # below the smallest amount stored (4 decimals)


def _sums(column):
    """SQL: per document id (`column`), the sum of its rows."""
    table = column.class_
    return (
        select(column.label("document_id"), func.sum(table.amount).label("amount"))
        .group_by(column).subquery()
    )  # fmt: skip


def _paid_rows(kind: str, applied_by):
    """The documents of `kind` with their payments and applied credit, where the stored
    amount_paid or the total seem off (exactly compared afterwards)."""
    payments, applied = _sums(Payment.document_id), _sums(applied_by)
    paid = func.coalesce(payments.c.amount, 0)
    credit = func.coalesce(applied.c.amount, 0)
    query = (
        select(Document.id, Document.kind, Document.number, Document.customer_id,
               Customer.company, Document.currency_code, Document.currency_decimals,
               Document.total, Document.amount_paid, paid.label("paid"), credit.label("applied"))
        .join(Customer, Customer.id == Document.customer_id, isouter=True)
        .join(payments, payments.c.document_id == Document.id, isouter=True)
        .join(applied, applied.c.document_id == Document.id, isouter=True)
        .where(Document.kind == kind)
        .where(or_(func.abs(Document.amount_paid - paid - credit) > literal(NOISE),
                   paid + credit > Document.total + literal(NOISE)))
    )  # fmt: skip
    return db.session.execute(query).all()


def _exact(value) -> Decimal:
    return Decimal(str(value or 0))


def _check_paid(kind: str, applied_by, words: tuple[str, str]) -> list[Problem]:
    problems = []
    paid_word, applied_word = words
    for row in _paid_rows(kind, applied_by):
        decimals, code = row.currency_decimals, row.currency_code
        paid, applied = _exact(row.paid), _exact(row.applied)
        expected = paid + quantize(applied, decimals)
        name, who = document(row.kind, row.number, row.id), customer(row.company, row.customer_id)
        if _exact(row.amount_paid) != expected:
            wanted, stored = (
                amount(expected, decimals, code),
                amount(row.amount_paid, decimals, code),
            )
            problems.append(Problem(name, (
                f"amount paid: expected {wanted} ({paid_word} {amount(paid, decimals, code)} + "
                f"{applied_word} {amount(applied, decimals, code)}), found {stored}"),
                who, expected=wanted, found=stored))  # fmt: skip
        if paid + applied > _exact(row.total):
            beyond = amount(paid + applied, decimals, code)
            total = amount(row.total, decimals, code)
            problems.append(Problem(name, (
                f"{paid_word} and {applied_word} add up to {beyond}, beyond its total {total}"),
                who, expected=f"at most {total}", found=beyond))  # fmt: skip
    return problems


def _mismatched_applications() -> list[Problem]:
    """Credit applied between two customers or currencies, or of no amount."""
    credit, invoice = aliased(Document), aliased(Document)
    query = (
        select(CreditApplication.id, CreditApplication.amount, credit.kind, credit.number,
               credit.id.label("credit_id"), credit.customer_id, credit.currency_code,
               credit.currency_decimals, invoice.kind.label("invoice_kind"),
               invoice.number.label("invoice_number"), invoice.id.label("invoice_id"),
               invoice.customer_id.label("invoice_customer"),
               invoice.currency_code.label("invoice_currency"), Customer.company)
        .join(credit, credit.id == CreditApplication.credit_note_id)
        .join(invoice, invoice.id == CreditApplication.invoice_id)
        .join(Customer, Customer.id == credit.customer_id, isouter=True)
        .where((credit.customer_id != invoice.customer_id)
               | (credit.currency_code != invoice.currency_code)
               | (CreditApplication.amount <= 0))
        .order_by(CreditApplication.id)
    )  # fmt: skip
    problems = []
    for row in db.session.execute(query):
        target = document(row.invoice_kind, row.invoice_number, row.invoice_id)
        name = f"credit application id {row.id} ({document(row.kind, row.number, row.credit_id)}"
        name += f" → {target})"
        who = customer(row.company, row.customer_id)
        if row.customer_id != row.invoice_customer:
            problems.append(Problem(name, (
                f"applied to another customer's invoice (customer id {row.invoice_customer})"),
                who, expected=f"customer id {row.customer_id}",
                found=f"customer id {row.invoice_customer}"))  # fmt: skip
        if row.currency_code != row.invoice_currency:
            problems.append(Problem(name, (
                f"applied across currencies ({row.currency_code} → {row.invoice_currency})"),
                who, expected=row.currency_code, found=row.invoice_currency))  # fmt: skip
        if _exact(row.amount) <= 0:
            found = amount(row.amount, row.currency_decimals, row.currency_code)
            problems.append(Problem(name, f"amount {found}: expected above zero", who,
                                    expected="above zero", found=found))  # fmt: skip
    return problems


@check("amounts", "Amounts paid equal payments, credit applied and refunds", order=20)
def amounts_paid() -> list[Problem]:
    return (
        _check_paid("invoice", CreditApplication.invoice_id, ("payments", "credit applied"))
        + _check_paid("credit", CreditApplication.credit_note_id, ("refunds", "credit applied"))
        + _mismatched_applications()
    )
