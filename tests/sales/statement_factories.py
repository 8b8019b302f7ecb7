"""Issued invoices, credit notes, payments, refunds and credit applications of given amounts
and dates, for the statement and report tests (saved through the real document service)."""

from datetime import date
from decimal import Decimal

from app.extensions import db
from app.models import CreditApplication, Payment
from app.services.sales.service import ItemInput
from tests.factories import make_document


def issued(customer, amount, day: date, due: date | None = None, status="unpaid", **fields):
    """An issued invoice of one line of `amount`, dated `day`, due `due`."""
    currency = fields.pop("currency", None)
    line = ItemInput("Work", Decimal(1), Decimal(amount))
    invoice = make_document(customer, status=status, due_date=None, lines=[line], **fields)
    invoice.issue_date = day
    invoice.due_date = due
    if currency:
        invoice.currency_code, invoice.currency_decimals = currency
    db.session.commit()
    return invoice


def credit_note(customer, amount, day: date, credited=None, status="open", **fields):
    """An issued credit note of `amount` dated `day` (made from `credited`, if given)."""
    note = issued(customer, amount, day, None, status="draft", **fields)
    note.kind, note.status, note.number = "credit", status, f"CN-{note.id:04d}"
    note.credited_invoice_id = credited.id if credited else None
    db.session.commit()
    return note


def pay(document, amount, day: date):
    """A payment on an invoice, or a refund on a credit note."""
    db.session.add(Payment(document_id=document.id, amount=Decimal(amount), paid_on=day,
                           mode="bank"))  # fmt: skip
    document.amount_paid += Decimal(amount)
    db.session.commit()


def apply_credit(note, invoice, amount, day: date):
    """Part of a credit note applied to an invoice: both `amount_paid` include it."""
    db.session.add(CreditApplication(credit_note_id=note.id, invoice_id=invoice.id,
                                     amount=Decimal(amount), applied_on=day))  # fmt: skip
    note.amount_paid += Decimal(amount)
    invoice.amount_paid += Decimal(amount)
    db.session.commit()
