"""Sales actions: issue, send, answer, convert, copy, cancel, record a payment."""

from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.capabilities import require
from app.blueprints.admin.sales import detail_page, get_document
from app.blueprints.kinds import KINDS, kind_routes
from app.blueprints.posting import reload_goes_to, run_action, saved_form
from app.forms.sales import PaymentForm
from app.i18n import format_day
from app.parsing import parse_id
from app.roles import KIND_MODULES
from app.services import ValidationError
from app.services.customers.related import contacts_by_id
from app.services.sales.actions import (
    answer_estimate,
    cancel_invoice,
    convert_to_invoice,
    copy_document,
    issue,
    record_payment,
)
from app.services.sales.mailing import send_document, send_receipt
from app.services.scope import scope_of


def _page(document) -> str:
    return url_for(f"admin.{document.kind}_detail", document_id=document.id)


def _run(document, action, done):
    """A one-button action on a document; refused or done, back to the document's page."""
    return run_action(action, done, _page(document))


def issue_view(kind, document_id):
    document = get_document(kind, document_id)
    dated = document.issue_date
    # The message is written once issued: an invoice has its number (and its new date) only then.
    return _run(document, lambda: issue(document), lambda _done: _issued(document, dated))


def _issued(document, dated) -> str:
    """'FA-2026-0012 is issued', with its new dates when issuing re-dated it (a backdated draft
    invoice is dated the day it is issued, its term kept)."""
    if document.issue_date == dated:
        return _("%(number)s is issued.", number=document.number)
    if document.due_date is None:
        return _("%(number)s is issued, dated %(date)s.", number=document.number,
                 date=format_day(document.issue_date))  # fmt: skip
    return _("%(number)s is issued, dated %(date)s, due %(due_date)s.", number=document.number,
             date=format_day(document.issue_date),
             due_date=format_day(document.due_date))  # fmt: skip


def send_view(kind, document_id):
    document = get_document(kind, document_id)
    ids = [i for i in map(parse_id, request.form.getlist("contacts")) if i]
    contacts = contacts_by_id(ids, scope_of(current_user))

    def send():
        if not send_document(document, list(contacts), current_user):
            raise ValidationError(_("Choose at least one contact who may open it in the portal."))

    dated = document.issue_date  # sending a draft issues it, which may re-date it

    def sent(_done) -> str:
        # Queued: the outbox delivers it within seconds (or retries), so not "was emailed".
        emailed = _("%(number)s will be emailed with its PDF in a moment.", number=document.number)
        if document.issue_date == dated:
            return emailed
        return f"{emailed} {_issued(document, dated)}"

    return _run(document, send, sent)


def answer_view(kind, document_id):
    document = get_document(kind, document_id)
    accepted = request.form.get("answer") == "accept"
    done = _("Proposal updated.") if kind == "proposal" else _("Estimate updated.")
    return _run(document, lambda: answer_estimate(document, accepted, user=current_user), done)


def _converted(kind: str, created) -> str:
    if created.number is None:  # a draft invoice: numbered when it is issued
        if kind == "estimate":
            return _("A draft invoice was created from the estimate.")
        return _("A draft invoice was created from the proposal.")
    if kind == "estimate":
        return _("Invoice %(number)s created from the estimate.", number=created.number)
    if created.kind == "estimate":
        return _("Estimate %(number)s created from the proposal.", number=created.number)
    return _("Invoice %(number)s created from the proposal.", number=created.number)


def convert_view(kind, document_id):
    source = get_document(kind, document_id)
    target = request.form.get("to", "invoice")
    if target in KIND_MODULES:  # an unknown target is the service's to refuse
        require(KIND_MODULES[target], "create")
    return run_action(
        lambda: convert_to_invoice(source, current_user, target),
        lambda created: _converted(kind, created),
        _page,  # the new document's page
        back=_page(source),
    )


def copy_view(kind, document_id):
    source = get_document(kind, document_id)
    return run_action(
        lambda: copy_document(source, current_user),
        _("A copy was made: this new draft is yours to edit."),
        _page,  # the new draft's page
        back=_page(source),
    )


def cancel_view(document_id):
    invoice = get_document("invoice", document_id)

    def cancelled(credit) -> str:
        if credit is None:
            return _("Invoice cancelled.")
        return _("Invoice cancelled: credit note %(number)s was issued and applied to it.",
                 number=credit.number)  # fmt: skip

    return _run(invoice, lambda: cancel_invoice(invoice, current_user), cancelled)


def payment_view(document_id):
    invoice = get_document("invoice", document_id)
    form = PaymentForm()

    def record():
        payment = record_payment(invoice, form.amount.data, form.paid_on.data,
                                 form.mode.data, form.note.data, current_user)  # fmt: skip
        return not form.send_receipt.data or send_receipt(invoice, payment.amount)

    def recorded(receipt_sent) -> str:
        if receipt_sent:
            return _("Payment recorded.")
        return _(
            "Payment recorded. No receipt was sent: the customer has no active primary contact "
            "who may open invoices in the portal and receives invoice emails."
        )

    here = _page(invoice)
    done = saved_form(form, record, recorded, here, back=here)
    if done:
        return done
    if invoice.status not in ("unpaid", "partial"):  # paid or cancelled meanwhile: no form shown
        for message in form.amount.errors:
            flash(message, "error")
    return detail_page(invoice, 422, payment_form=form)


def _reload_payment(document_id):
    """A refused payment shows the invoice at /payments: reloading it opens the invoice."""
    return url_for("admin.invoice_detail", document_id=document_id)


# POST /<plural>/<id>/<action> as endpoint <kind>_<action>.
kind_routes(bp, KINDS, "issue", "/<int:document_id>/issue", issue_view, methods=("POST",))
kind_routes(bp, KINDS, "send", "/<int:document_id>/send", send_view, methods=("POST",))
kind_routes(bp, KINDS, "copy", "/<int:document_id>/copy", copy_view, methods=("POST",))
for _action, _view in (("answer", answer_view), ("convert", convert_view)):
    kind_routes(bp, ("estimate", "proposal"), _action, f"/<int:document_id>/{_action}", _view,
                methods=("POST",))  # fmt: skip
bp.post("/invoices/<int:document_id>/cancel", endpoint="invoice_cancel")(cancel_view)
bp.route("/invoices/<int:document_id>/payments", endpoint="invoice_payment",
         methods=["GET", "POST"])(reload_goes_to(_reload_payment)(payment_view))  # fmt: skip
