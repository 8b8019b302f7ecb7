"""Credit notes' own actions: create one from an issued invoice, apply it to open invoices,
undo an application, record a refund. Their list, form, page and PDF are the sales kinds'
(app/blueprints/admin/sales.py)."""

import re

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.credit_panels import apply_fields
from app.blueprints.admin.sales import detail_page, get_document
from app.blueprints.posting import reload_goes_to, run_action, saved_form
from app.extensions import db
from app.forms.sales import RefundForm, apply_credit_form
from app.i18n import money
from app.models import CreditApplication, Document
from app.services.sales.credit import (
    amount_field,
    apply_credit,
    credit_from_invoice,
    in_apply_order,
    open_invoices,
    record_refund,
    remove_application,
    same_account_invoices,
)
from app.services.scope import scope_of

FIELD = re.compile(r"amount_([0-9]{1,12})")


def _page(document: Document) -> str:
    return url_for(f"admin.{document.kind}_detail", document_id=document.id)


def _credit_page(document_id: int) -> str:
    return url_for("admin.credit_detail", document_id=document_id)


def credit_invoice_view(document_id: int):
    """'Create credit note' on an issued invoice: a draft credit note, prefilled, to edit."""
    invoice = get_document("invoice", document_id)
    return run_action(
        lambda: credit_from_invoice(invoice, current_user),
        _("This draft credit note was made from the invoice: check its lines, then issue it."),
        lambda credit: url_for("admin.credit_edit", document_id=credit.id),
        back=_page(invoice),
    )


def _posted_invoices(credit: Document) -> dict[int, Document]:
    """The invoices the posted form names: each must be an issued invoice of the credit note's
    customer and currency that this person may see (a forged id is a 404)."""
    ids = {int(m.group(1)) for key in request.form if (m := FIELD.fullmatch(key))}
    scope = scope_of(current_user)
    found = {d.id: d for d in db.session.scalars(
        same_account_invoices(credit, scope).where(Document.id.in_(ids)))}  # fmt: skip
    if len(found) != len(ids):
        abort(404)
    return found


def apply_view(document_id: int):
    credit = get_document("credit", document_id)
    posted = _posted_invoices(credit)
    scope = scope_of(current_user)
    shown = {i.id: i for i in open_invoices(credit, scope)} | posted
    invoices = in_apply_order(credit, shown.values())
    form = apply_credit_form(apply_fields(invoices), formdata=request.form)

    def apply():
        amounts = {i: form[amount_field(i)].data for i in posted}
        return apply_credit(credit, amounts, posted, current_user)

    def applied(applications) -> str:
        total = sum(a.amount for a in applications)
        return _("%(amount)s of the credit note applied.",
                 amount=money(total, credit.currency_code))  # fmt: skip

    here = _credit_page(credit.id)
    first = amount_field(invoices[0].id) if invoices else None
    done = saved_form(form, apply, applied, here, field=first)
    if done:
        return done
    _flash_if_hidden(credit, form)
    return _refused(credit, apply_form=form, apply_invoices=invoices)


def _flash_if_hidden(credit: Document, form) -> None:
    """A credit note closed meanwhile shows no form: its refusal is flashed instead."""
    if credit.status != "open":
        for message in {m for errors in form.errors.values() for m in errors} | set(
            form.form_errors
        ):
            flash(message, "error")


def _refused(credit: Document, **forms):
    """The credit note's page again, with the refused form's messages beside its fields."""
    return detail_page(credit, 422, **forms)


def remove_view(document_id: int, application_id: int):
    credit = get_document("credit", document_id)
    application = db.session.get(CreditApplication, application_id)
    if application is None or application.credit_note_id != credit.id:
        abort(404)
    back = request.form.get("back") == "invoice"
    to = _page(application.invoice) if back else _credit_page(credit.id)
    return run_action(lambda: remove_application(application),
                      _("The credit applied was removed."), to)  # fmt: skip


def refund_view(document_id: int):
    credit = get_document("credit", document_id)
    form = RefundForm()

    def refund():
        return record_refund(credit, form.amount.data, form.paid_on.data, form.mode.data,
                             form.note.data, current_user)  # fmt: skip

    here = _credit_page(credit.id)
    done = saved_form(form, refund, _("Refund recorded."), here, back=here)
    if done:
        return done
    _flash_if_hidden(credit, form)
    return _refused(credit, refund_form=form)


bp.post("/invoices/<int:document_id>/credit", endpoint="invoice_credit")(credit_invoice_view)
bp.route("/credit-notes/<int:document_id>/apply", endpoint="credit_apply",
         methods=["GET", "POST"])(reload_goes_to(_credit_page)(apply_view))  # fmt: skip
bp.post("/credit-notes/<int:document_id>/applications/<int:application_id>/remove",
        endpoint="credit_application_remove")(remove_view)  # fmt: skip
bp.route("/credit-notes/<int:document_id>/refunds", endpoint="credit_refund",
         methods=["GET", "POST"])(reload_goes_to(_credit_page)(refund_view))  # fmt: skip
