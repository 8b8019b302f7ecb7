"""The credit note an issued invoice gets when it is cancelled (app/services/sales/actions.
cancel_invoice, the invoice locked and nothing paid on it): it covers what is not yet credited,
that is the invoice's total less the credit notes already issued from it; when nothing is left,
none is made.

Nothing credited yet: the credit note has the invoice's own lines and discount. Partly credited:
one line per tax combination of the invoice ("Not yet credited on invoice …"), each the same
share of the invoice's net amount with its taxes, so the taxes are credited in proportion too;
a rounding difference of a cent or so is an after-tax discount, so the total is exact."""

from datetime import date
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _

from app.extensions import db
from app.models import CreditApplication, Document, DocumentItem, DocumentItemTax, User
from app.models.types import utcnow
from app.services.customers.activity import log_activity
from app.services.sales.copies import new_copy
from app.services.sales.numbering import assign_number, prefix_of
from app.services.sales.paid import left_to_credit, refresh_paid
from app.services.sales.service import document_totals, refresh_totals
from app.services.sales.totals import quantize


def credit_what_is_left(
    invoice: Document, user: User | None, today: date | None = None
) -> Document | None:
    """The cancelled invoice's credit note (issued now with the next number, applied to it,
    hence closed), or None when the credit notes issued from it already cover its total."""
    left = left_to_credit(invoice)
    if left <= 0 and invoice.total > 0:
        return None
    today = today or date.today()
    prefix = prefix_of("credit")
    for item in invoice.items:
        item.taxes  # noqa: B018 - loaded before the first write
    credit = new_copy(invoice, user, "credit", today, None)
    credit.credited_invoice_id = invoice.id
    credit.notes = credit.terms = None
    if left < invoice.total:
        _rest_lines(credit, invoice, left)
    credit.status, credit.sent_at = "open", utcnow()
    assign_number(credit, today, prefix)
    db.session.flush()
    if credit.total > 0:
        db.session.add(CreditApplication(credit_note_id=credit.id, invoice_id=invoice.id,
                                         amount=credit.total, applied_on=today,
                                         created_by_id=user.id if user else None))  # fmt: skip
    refresh_paid(credit)
    db.session.flush()
    log_activity(invoice.customer, user, "document.credited",
                 subject=f"{invoice.number} → {credit.number}")  # fmt: skip
    return credit


def _rest_lines(credit: Document, invoice: Document, left: Decimal) -> None:
    """The credit note's lines for `left` of the invoice: per tax combination, the invoice's
    net amount (after a discount before tax) times left / total; the rounding as a discount."""
    decimals, totals = invoice.currency_decimals, document_totals(invoice)
    factor = Decimal(1)
    if invoice.discount_before_tax and totals.discount and totals.subtotal:
        factor = (totals.subtotal - totals.discount) / totals.subtotal
    groups: dict[tuple, list] = {}
    for item, amount in zip(invoice.items, totals.line_amounts, strict=True):
        key = tuple(sorted((t.tax_rate_id or 0, t.name, t.percent) for t in item.taxes))
        groups.setdefault(key, [Decimal(0)])[0] += amount * factor
    share = left / invoice.total
    with force_locale(invoice.language):
        description = _("Not yet credited on invoice %(number)s", number=invoice.number)
    credit.items = [
        DocumentItem(position=index, description=description, quantity=Decimal(1),
                     rate=quantize(net * share, decimals),
                     taxes=[DocumentItemTax(tax_rate_id=rate_id or None, name=name,
                                            percent=percent) for rate_id, name, percent in key])
        for index, (key, (net,)) in enumerate(groups.items())
    ]  # fmt: skip
    credit.discount_type, credit.discount_value = "none", Decimal(0)
    credit.discount_before_tax = False
    refresh_totals(credit)
    if credit.total < left:  # rounded down: the largest line takes the cents missing
        largest = max(credit.items, key=lambda i: i.rate)
        largest.rate += left - credit.total
        refresh_totals(credit)
    if credit.total > left:
        credit.discount_type, credit.discount_value = "fixed", credit.total - left
        refresh_totals(credit)
