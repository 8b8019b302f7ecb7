"""What the pages of credit notes and invoices show of credit: on a credit note its invoice, its
applications, the apply form (one amount per open invoice) and the refund form; on an invoice
the credit applied to it and the credit notes made from it."""

from datetime import date

from flask_babel import gettext as _

from app.forms.sales import RefundForm, apply_credit_form
from app.models import Document
from app.services.sales.applied import credit_on_cancel
from app.services.sales.credit import (
    amount_field,
    applications_of,
    credited_by,
    may_credit,
    open_invoices,
)
from app.services.sales.totals import quantize
from app.services.scope import Scope


def apply_fields(invoices: list[Document]) -> dict[str, str]:
    """The apply form's fields: one per invoice, labelled with its number."""
    return {amount_field(i.id): _("Amount for %(number)s", number=i.number) for i in invoices}


def prefilled_apply_form(credit: Document, invoices: list[Document]):
    """The credit left spread over the open invoices in their order (the one the credit note was
    made from first, then oldest first): each gets what it owes, or
    what is left of the credit (the others stay empty)."""
    left, data = credit.amount_due, {}
    for invoice in invoices:
        amount = quantize(min(left, invoice.amount_due), credit.currency_decimals)
        if amount > 0:
            data[amount_field(invoice.id)] = amount
            left -= amount
    return apply_credit_form(apply_fields(invoices), data=data)


def credit_context(document: Document, scope: Scope, apply_form=None, apply_invoices=None,
                   refund_form=None) -> dict:  # fmt: skip
    """The template values the document's page needs about credit notes."""
    if document.kind == "invoice":
        return {"applications": applications_of(document),
                "credit_notes": credited_by(document, scope),
                "creditable": may_credit(document),
                "cancel_credit": credit_on_cancel(document)}  # fmt: skip
    if document.kind != "credit":
        return {}
    if apply_invoices is None:
        apply_invoices = open_invoices(document, scope) if document.status == "open" else []
    if apply_form is None:
        apply_form = prefilled_apply_form(document, apply_invoices)
    if refund_form is None:
        left = quantize(document.amount_due, document.currency_decimals)
        refund_form = RefundForm(formdata=None, paid_on=date.today(), amount=left)
    credited = document.credited_invoice_id
    return {
        "applications": applications_of(document),
        "credited_invoice": scope.get(Document, credited) if credited else None,
        "apply_invoices": apply_invoices,
        "apply_form": apply_form,
        "refund_form": refund_form,
    }
