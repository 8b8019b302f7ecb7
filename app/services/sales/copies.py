"""A new draft document made from another one (conversions, copies, credit notes): the same
customer data, lines and taxes."""

from datetime import date

from app.extensions import db
from app.models import Document, DocumentItem, DocumentItemTax, User
from app.services.sales.finality import NUMBERED_WHEN_ISSUED
from app.services.sales.numbering import assign_number
from app.services.sales.service import refresh_totals


def new_copy(
    estimate: Document, user: User | None, target: str, today: date, due: date,
    prefix: str | None = None,
) -> Document:  # fmt: skip
    """A new draft `target` with the estimate's customer data, lines and taxes (numbered now,
    unless it is an invoice or a credit note: numbered when issued)."""
    invoice = Document(kind=target, status="draft", issue_date=today, due_date=due,
                       created_by_id=user.id if user else None)  # fmt: skip
    if target not in NUMBERED_WHEN_ISSUED:
        assign_number(invoice, today, prefix)
    for column in ("customer_id", "currency_code", "currency_decimals", "language",
                   "client_company", "client_vat", "include_shipping", "discount_type",
                   "discount_value", "discount_before_tax", "notes", "terms"):  # fmt: skip
        setattr(invoice, column, getattr(estimate, column))
    for side in ("billing_", "shipping_"):
        for part in ("street", "city", "state", "zip", "country"):
            setattr(invoice, side + part, getattr(estimate, side + part))
    invoice.items = [
        DocumentItem(position=i.position, description=i.description, unit=i.unit,
                     long_description=i.long_description, quantity=i.quantity, rate=i.rate,
                     taxes=[DocumentItemTax(tax_rate_id=t.tax_rate_id, name=t.name,
                                            percent=t.percent) for t in i.taxes])
        for i in estimate.items
    ]  # fmt: skip
    db.session.add(invoice)
    db.session.flush()
    refresh_totals(invoice)
    return invoice
