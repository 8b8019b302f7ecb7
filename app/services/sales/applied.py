"""The credit note that cancelling an invoice would issue and apply (its confirmation says so)."""

from decimal import Decimal

from app.models import Document
from app.services.sales.actions import may_cancel
from app.services.sales.credit import left_to_credit


def credit_on_cancel(invoice: Document) -> Decimal:
    """What the credit note issued by cancelling this invoice would be worth: what is left to
    credit of an issued invoice that may be cancelled (nothing paid); 0 when none would be made
    (a draft, an invoice that may not be cancelled, nothing left to credit)."""
    if invoice.status == "draft" or not may_cancel(invoice):
        return Decimal(0)
    return max(left_to_credit(invoice), Decimal(0))
