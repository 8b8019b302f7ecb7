"""Estimates and invoices: prefill from the customer, save with a snapshot, status changes."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, select

from app.extensions import db
from app.i18n import money
from app.models import (
    DISCOUNT_TYPES,
    Currency,
    Customer,
    Document,
    DocumentItem,
    DocumentItemTax,
    TaxRate,
    User,
)
from app.services import Collector, FormErrors, ValidationError
from app.services.currencies import CURRENCY_USERS
from app.services.customers.hooks import TRANSACTION_SOURCES
from app.services.languages import customer_language
from app.services.mail.render import sanitize
from app.services.reminders.service import follow_customer
from app.services.sales.finality import NUMBERED_WHEN_ISSUED, can_edit, claim_draft
from app.services.sales.numbering import assign_number
from app.services.sales.paid import left_to_credit, refresh_paid
from app.services.sales.totals import Line, Totals, compute
from app.services.scope import scope_of
from app.services.settings import get_settings
from app.services.stored_pdfs import store_later

ADDRESS = ("street", "city", "state", "zip", "country")
MAX_AMOUNT = Decimal("999999999")  # a line, and a document, stay far within Numeric(18, 4)
MAX_QUANTITY = Decimal("1000000")
MAX_LINES = 200


@dataclass
class ItemInput:
    description: str
    quantity: Decimal
    rate: Decimal
    unit: str | None = None
    long_description: str | None = None
    tax_ids: list[int] = field(default_factory=list)


@dataclass
class DocumentInput:
    customer_id: int | None
    issue_date: date | None
    due_date: date | None
    currency_id: int | None
    language: str
    billing: dict
    include_shipping: bool
    shipping: dict
    items: list[ItemInput]
    discount_type: str = "none"
    discount_value: Decimal = Decimal(0)
    discount_before_tax: bool = True
    notes: str | None = None
    terms: str | None = None
    body: str | None = None  # proposals


def default_currency() -> Currency | None:
    return db.session.scalar(select(Currency).where(Currency.is_default))


def customer_defaults(customer: Customer) -> dict:
    """What choosing a customer fills in: addresses, shipping switch, currency, language."""
    billing = {part: getattr(customer, f"billing_{part}") for part in ADDRESS}
    if not any(billing.values()):  # no billing address: the customer's own address
        billing = {"street": customer.address, "city": customer.city, "state": customer.state,
                   "zip": customer.zip, "country": customer.country}  # fmt: skip
    shipping = {part: getattr(customer, f"shipping_{part}") for part in ADDRESS}
    currency = customer.currency or default_currency()
    language = customer_language(customer)
    return {"billing": billing, "shipping": shipping,
            "include_shipping": any(shipping.values()) and shipping != billing,
            "currency_id": currency.id if currency else None, "language": language}  # fmt: skip


def document_lines(document: Document) -> list[Line]:
    return [Line(item.quantity, item.rate, tuple((t.name, t.percent) for t in item.taxes))
            for item in document.items]  # fmt: skip


def document_totals(document: Document) -> Totals:
    """The figures shown on screen, in PDFs, emails and the portal: computed here only."""
    return compute(document_lines(document), document.currency_decimals, document.discount_type,
                   document.discount_value or Decimal(0), document.discount_before_tax)  # fmt: skip


@dataclass
class Draft:
    """A form's figures while it is typed (nothing saved): what the totals block shows."""

    kind: str
    currency_code: str
    totals: Totals
    amount_paid: Decimal = Decimal(0)

    @property
    def amount_due(self) -> Decimal:
        return self.totals.total - self.amount_paid


def draft_totals(kind: str, data: DocumentInput, document: Document | None) -> Draft | None:
    """The totals of the lines as typed, with the tax rates chosen (a saved document's own
    rates for those it was saved with), in the form's currency; None without a currency."""
    currency = db.session.get(Currency, data.currency_id) if data.currency_id else None
    if currency is None:
        return None
    kept = _kept_rates(document)
    tax_ids = {t for item in data.items for t in item.tax_ids} - set(kept)
    rates = kept | {t.id: (t.name, t.percent) for t in
                    db.session.scalars(select(TaxRate).where(TaxRate.id.in_(tax_ids)))}  # fmt: skip
    lines = [Line(item.quantity, item.rate, tuple(rates[t] for t in item.tax_ids if t in rates))
             for item in data.items]  # fmt: skip
    discount = data.discount_type if data.discount_type in DISCOUNT_TYPES else "none"
    totals = compute(lines, currency.decimals, discount, data.discount_value,
                     data.discount_before_tax)  # fmt: skip
    paid = document.amount_paid if document is not None else Decimal(0)
    return Draft(kind, currency.code, totals, paid or Decimal(0))


def _kept_rates(document: Document | None) -> dict[int, tuple[str, Decimal]]:
    """A saved document keeps the name and percent of each tax rate it was saved with."""
    if document is None:
        return {}
    return {t.tax_rate_id: (t.name, t.percent) for i in document.items for t in i.taxes
            if t.tax_rate_id}  # fmt: skip


def _check(
    data: DocumentInput, user: User | None, document: Document | None
) -> tuple[Customer, Currency, dict[int, TaxRate]]:
    errors = Collector()
    # Only a customer `user` may see (or the document's own already): any other id reads as
    # unknown.
    customer = scope_of(user).chosen_customer(
        data.customer_id, document.customer_id if document is not None else None
    )
    if customer is None:
        errors.add("customer_id", _("Choose a customer."))
    currency = db.session.get(Currency, data.currency_id) if data.currency_id else None
    if currency is None:
        errors.add("currency_id", _("Choose a currency from the list."))
    if data.language not in current_app.config["LANGUAGES"]:
        errors.add("language", _("Choose a language from the list."))
    if data.issue_date is None:
        errors.add("issue_date", _("Enter the date."))
    if data.due_date and data.issue_date and data.due_date < data.issue_date:
        errors.add("due_date", _("This date is before the issue date."))
    if data.discount_type not in DISCOUNT_TYPES:
        errors.add("discount_type", _("Choose a discount type from the list."))
    if (
        data.discount_value < 0
        or data.discount_value > MAX_AMOUNT
        or (data.discount_type == "percent" and data.discount_value > 100)
    ):
        errors.add("discount_value", _("Enter a percentage from 0 to 100, or a positive amount."))
    if not data.items:
        errors.add("items", _("Add at least one line."))
    if len(data.items) > MAX_LINES:
        errors.add("items", _("A document has at most %(n)d lines.", n=MAX_LINES))
    tax_ids = {tax_id for item in data.items for tax_id in item.tax_ids}
    taxes = {t.id: t for t in db.session.scalars(select(TaxRate).where(TaxRate.id.in_(tax_ids)))}
    if len(taxes) != len(tax_ids):
        errors.add("items", _("Choose taxes from the list."))
    for item in data.items:
        numbers = (item.quantity, item.rate)
        if not all(n.is_finite() for n in numbers) or not (
            Decimal(0) <= item.quantity <= MAX_QUANTITY
            and Decimal(0) <= item.rate <= MAX_AMOUNT
            and item.quantity * item.rate <= MAX_AMOUNT
        ):
            errors.add("items", _("Quantities and rates must be positive, reasonable numbers."))
            break
    if errors.day("issue_date", data.issue_date):  # one message for both dates
        errors.day("issue_date", data.due_date)
    errors.raise_if_any()
    return customer, currency, taxes


def save_document(
    document: Document | None, kind: str, data: DocumentInput, user: User | None
) -> Document:
    """Create or update a document; its addresses and currency are copied. A new estimate or
    proposal is numbered now; an invoice when it is issued (app/services/sales/actions.issue)."""
    customer, currency, taxes = _check(data, user, document)
    if document is None:
        document = Document(kind=kind, created_by_id=user.id if user else None, status="draft")
        if kind not in NUMBERED_WHEN_ISSUED:
            assign_number(document, data.issue_date)
        db.session.add(document)
    elif document.kind == "proposal" and document.status == "accepted":
        raise ValidationError(_("An accepted proposal cannot be changed: convert it instead."))
    elif document.kind in NUMBERED_WHEN_ISSUED:
        claim_draft(document)
    elif not can_edit(document):
        raise ValidationError(_("This document can no longer be changed."))
    elif document.payments and currency.code != document.currency_code:
        raise FormErrors({"currency_id": [_("An invoice with payments keeps its currency.")]})
    if (
        document.customer_id
        and document.customer_id != customer.id
        and (document.status != "draft" or document.payments)
    ):
        raise ValidationError(_("A sent document stays with its customer."))
    if document.customer_id != customer.id:  # the snapshot is taken once, from the customer
        follow_customer(document, customer.id)
        document.customer = customer
        document.client_company, document.client_vat = customer.company, customer.vat_number
    kept = _kept_rates(document)
    document.issue_date, document.due_date = data.issue_date, data.due_date
    document.currency_code, document.currency_decimals = currency.code, currency.decimals
    document.language = data.language
    for part in ADDRESS:
        setattr(document, f"billing_{part}", (data.billing.get(part) or None))
        setattr(document, f"shipping_{part}", (data.shipping.get(part) or None))
    document.include_shipping = data.include_shipping
    document.discount_type, document.discount_value = data.discount_type, data.discount_value
    document.discount_before_tax = data.discount_before_tax
    document.notes, document.terms = data.notes or None, data.terms or None
    if kind == "proposal":
        document.body = sanitize(data.body or "") or None
        if document.status in {"sent", "open", "declined"}:  # changed after the customer saw it:
            document.status = "revised"  # they may answer again
    document.items = [
        DocumentItem(position=index, description=item.description, unit=item.unit or None,
                     long_description=item.long_description or None, quantity=item.quantity,
                     rate=item.rate,
                     taxes=[DocumentItemTax(tax_rate_id=t, name=kept.get(t, (taxes[t].name,))[0],
                                            percent=kept.get(t, (None, taxes[t].percent))[1])
                            for t in item.tax_ids])
        for index, item in enumerate(data.items)
    ]  # fmt: skip
    refresh_totals(document)
    if document.total < 0:
        raise FormErrors({"discount_value": [_("The discount is larger than the document.")]})
    if document.amount_paid > document.total:
        paid = money(document.amount_paid, document.currency_code)
        message = _("The total cannot go below what was already paid (%(paid)s).", paid=paid)
        raise FormErrors({"items": [message]})
    _check_within_invoice(document)
    db.session.flush()
    store_later(document)  # a new one has its id only now
    return document


def _check_within_invoice(document: Document) -> None:
    """A credit note made from an invoice is not saved above what is left to credit on it (the
    credit notes issued from it counted; issuing checks again, under the invoice's lock)."""
    if document.kind != "credit" or document.credited_invoice_id is None:
        return
    invoice = db.session.get(Document, document.credited_invoice_id)
    left = left_to_credit(invoice, exclude=document.id or 0)
    if document.total > left:
        message = _(
            "This credit note is more than what is left to credit on invoice %(number)s "
            "(%(left)s).", number=invoice.number, left=money(max(left, 0), document.currency_code)
        )  # fmt: skip
        raise FormErrors({"items": [message]})


def refresh_totals(document: Document) -> None:
    """Store the computed totals (lists and reports read them)."""
    totals = document_totals(document)
    document.subtotal, document.total = totals.subtotal, totals.total
    refresh_paid(document)


def default_due_date(kind: str, issue: date) -> date | None:
    settings = get_settings()
    if kind == "credit":  # a credit note falls due for nobody
        return None
    days = settings.invoice_due_days if kind == "invoice" else settings.estimate_valid_days
    return issue + timedelta(days=days)


def has_documents(customer_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(Document.customer_id == customer_id))))


def currency_used_by_documents(currency_id: int) -> bool:
    code = db.session.scalar(select(Currency.code).where(Currency.id == currency_id))
    return bool(db.session.scalar(select(exists().where(Document.currency_code == code))))


# Invoices, estimates and payments are a customer's transactions (currency lock, no delete).
TRANSACTION_SOURCES.append(has_documents)
CURRENCY_USERS.append(currency_used_by_documents)
