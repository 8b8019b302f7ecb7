"""Opening balances: what a customer owed in a currency on the day the firm moved to Comptoir
(from Perfex or a spreadsheet), so that its statement, the ageing report, its balance and the
dashboard are right from day one, and its payments can be recorded against it.

Design: an opening balance is a row of `sales_documents` of kind "opening" (`OPENING_KIND`),
with no number and no lines: `issue_date` is the day it was owed, `due_date` the chosen due
date (else that day), `total` the amount, `notes` the reference in the old system. Being a
document, it is payable like an invoice with the same code (`actions.record_payment`, one
payment at a time under `lock_invoice`; statuses unpaid, partial, paid by `paid.refresh_paid`)
and it is counted, with no second code path, wherever an amount owed is summed: the customer
balances the triggers keep (migration 0041 counts it beside invoices), the open-invoice
condition and partial indexes (`OPEN_INVOICES_SQL`, `status.open_invoice`: ageing report,
dashboard), the document tallies (dashboard), the statement and its ageing. Being of its own
kind, it is left out of everything that is about sales, which all select `kind == "invoice"`:
invoice numbering (it never takes a number of the legal sequence), the invoice lists and their
tallies, the sales journal, the VAT summary, the groups report, credit notes, copies,
recurring invoices and payment reminders by email (a reminder needs an invoice and its PDF; a
statement says what is owed). A separate table would have needed its own payments, its own
triggers and a join in each of those sums.

At most one opening balance per customer and currency (a unique partial index; writes take the
customer's row first, so two requests at once do one after the other): recording the same
values again changes nothing, other values replace them while nothing is paid against it, and
are refused once something is. A customer's credit (a negative amount) is refused: it is a
credit note."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Currency, Customer, Document, User
from app.models.sales import OPENING_KIND
from app.services import Collector, ValidationError
from app.services.customers.activity import log_activity
from app.services.languages import customer_language
from app.services.locks import lock_row
from app.services.sales.finality import lock_invoice
from app.services.sales.paid import refresh_paid
from app.services.sales.service import MAX_AMOUNT
from app.services.sales.totals import quantize

REFERENCE_MAX = 100


@dataclass(frozen=True)
class OpeningValues:
    currency: Currency
    amount: Decimal
    as_of: date
    due_date: date
    reference: str | None


def customer_openings(customer: Customer) -> list[Document]:
    """The customer's opening balances, by currency."""
    query = select(Document).where(
        Document.customer_id == customer.id, Document.kind == OPENING_KIND
    )
    return list(db.session.scalars(query.order_by(Document.currency_code)))


def may_change(opening: Document) -> bool:
    """An opening balance changes (or goes) only while nothing was paid against it."""
    return not opening.payments and not opening.amount_paid


def _currency(errors: Collector, currency) -> Currency | None:
    code = currency.code if isinstance(currency, Currency) else (currency or "").strip().upper()
    found = db.session.scalar(select(Currency).where(Currency.code == code)) if code else None
    if found is None:
        errors.add("currency", _("Choose a currency from the list."))
    return found


def _checked(
    currency, amount: Decimal | None, as_of: date | None, reference: str | None,
    due_date: date | None,
) -> OpeningValues:  # fmt: skip
    errors = Collector()
    found = _currency(errors, currency)
    if amount is None or not amount.is_finite() or amount == 0:
        errors.add("amount", _("Enter an amount above zero."))
    elif amount < 0:
        errors.add("amount", _("An opening balance is an amount the customer owes; for a credit "
                               "the customer has, issue a credit note."))  # fmt: skip
    elif amount > MAX_AMOUNT:  # far within Numeric(18, 4), as a document's total
        errors.add("amount", _("This amount is too large."))
    elif found is not None and amount != quantize(amount, found.decimals):
        errors.add("amount", _("Too many decimals for %(currency)s (%(num)s at most).",
                               currency=found.code, num=found.decimals))  # fmt: skip
    if as_of is None:
        errors.add("as_of", _("Enter the date."))
    else:
        errors.day("as_of", as_of)
    if due_date is not None and errors.day("due_date", due_date) and as_of and due_date < as_of:
        errors.add("due_date", _("The due date cannot be before the day it was owed."))
    reference = errors.text("reference", reference, REFERENCE_MAX) or None
    errors.raise_if_any()
    return OpeningValues(found, amount, as_of, due_date or as_of, reference)


def check_opening(
    currency, amount: Decimal | None, as_of: date | None, reference: str | None = None,
    due_date: date | None = None,
) -> OpeningValues:  # fmt: skip
    """The values `record_opening_balance` would write, checked (FormErrors as it raises them),
    nothing written: what an import's dry run checks a row with."""
    return _checked(currency, amount, as_of, reference, due_date)


def opening_in(customer: Customer, code: str) -> Document | None:
    """The customer's opening balance in the currency `code`, if any."""
    return db.session.scalar(select(Document).where(
        Document.customer_id == customer.id, Document.kind == OPENING_KIND,
        Document.currency_code == code))  # fmt: skip


def same_opening(opening: Document, values: OpeningValues) -> bool:
    return _same(opening, values)


def _same(opening: Document, values: OpeningValues) -> bool:
    return (opening.total == values.amount and opening.issue_date == values.as_of
            and opening.due_date == values.due_date
            and opening.notes == values.reference)  # fmt: skip


def _write(opening: Document, values: OpeningValues) -> None:
    opening.total = opening.subtotal = values.amount
    opening.issue_date, opening.due_date = values.as_of, values.due_date
    opening.notes = values.reference


def _subject(opening: Document) -> str:
    """The activity line's subject, the same in every language: "EUR 1234.56"."""
    return f"{opening.currency_code} {quantize(opening.total, opening.currency_decimals)}"


def record_opening_balance(
    customer: Customer, currency, amount: Decimal | None, as_of: date | None, user: User | None,
    reference: str | None = None, due_date: date | None = None,
) -> Document:  # fmt: skip
    """The customer's opening balance in `currency` (a Currency or its code): `amount` owed on
    `as_of`, due on `due_date` (else `as_of`). Made, left as it is (same values), or changed
    while nothing is paid against it (else refused beside the amount). FormErrors on fields
    currency, amount, as_of, due_date, reference."""
    values = _checked(currency, amount, as_of, reference, due_date)
    lock_row(customer, "company")  # one writer per customer: the first statement is a write
    opening = opening_in(customer, values.currency.code)
    if opening is not None:
        return _update(opening, values, user)
    opening = Document(
        kind=OPENING_KIND, customer_id=customer.id, status="unpaid",
        currency_code=values.currency.code, currency_decimals=values.currency.decimals,
        language=customer_language(customer), client_company=customer.company,
        client_vat=customer.vat_number, created_by_id=user.id if user else None,
        issue_date=values.as_of,
    )  # fmt: skip
    _write(opening, values)
    db.session.add(opening)
    db.session.flush()
    refresh_paid(opening)
    db.session.flush()
    log_activity(customer, user, "opening.recorded", subject=_subject(opening))
    return opening


def edit_opening_balance(
    opening: Document, amount: Decimal | None, as_of: date | None, user: User | None,
    reference: str | None = None, due_date: date | None = None,
) -> Document:  # fmt: skip
    """New values of an opening balance (its currency stays), while nothing is paid against
    it."""
    values = _checked(opening.currency_code, amount, as_of, reference, due_date)
    return _update(opening, values, user)


def _update(opening: Document, values: OpeningValues, user: User | None) -> Document:
    lock_invoice(opening)
    if _same(opening, values):
        return opening
    if not may_change(opening):
        raise ValidationError(_("A payment was recorded against this opening balance: it can "
                                "no longer change."), "amount")  # fmt: skip
    _write(opening, values)
    refresh_paid(opening)
    db.session.flush()
    log_activity(opening.customer, user, "opening.changed", subject=_subject(opening))
    return opening


def delete_opening_balance(opening: Document, user: User | None) -> None:
    """Remove an opening balance nothing was paid against (else refused)."""
    lock_invoice(opening)
    if not may_change(opening):
        raise ValidationError(_("A payment was recorded against this opening balance: it can "
                                "no longer change."))  # fmt: skip
    customer, subject = opening.customer, _subject(opening)
    db.session.delete(opening)
    db.session.flush()
    log_activity(customer, user, "opening.deleted", subject=subject)
