"""Invoices, estimates, proposals and credit notes in the portal: the customer's own, their PDFs,
answers."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints import impersonation
from app.blueprints.kinds import KINDS, kind_routes
from app.blueprints.portal import bp, module_required
from app.blueprints.posting import run_action
from app.downloads import pdf_response
from app.extensions import db
from app.htmx import render
from app.models import Document
from app.roles import KIND_MODULES
from app.services.custom_fields.values import shown_values
from app.services.languages import screen
from app.services.lists import paginate
from app.services.sales.actions import answer_estimate, mark_opened
from app.services.sales.credit import applications_of
from app.services.sales.mailing import tell_staff_of_answer
from app.services.sales.pdf import document_pdf, pdf_filename
from app.services.sales.queries import portal_documents, sent_documents
from app.services.sales.service import document_totals
from app.services.scope import scope_of


def own_document(kind: str, document_id: int) -> Document:
    """One of the documents the contact may see, or 404."""
    scope = scope_of(current_user)
    return scope.get_or_404(Document, document_id, sent_documents(kind, scope))


def _list(kind: str):
    page = paginate(portal_documents(kind, scope_of(current_user)), request.args, "portal")
    return render("portal/sales/list.html", block="results", kind=kind, page=page)


def _read(document: Document) -> None:
    """The contact has read it (its page or its PDF); staff viewing as them do not count."""
    if not impersonation.active() and mark_opened(document):
        db.session.commit()


def _detail(kind: str, document_id: int):
    document = own_document(kind, document_id)
    _read(document)
    credited = document.credited_invoice_id
    scope = scope_of(current_user)
    return render(
        "portal/sales/detail.html",
        kind=kind,
        document=document,
        totals=document_totals(document),
        applications=applications_of(document),
        custom_values=shown_values(kind, document.id, screen(), "in_portal"),
        credited_invoice=(
            scope.get(Document, credited, sent_documents("invoice", scope)) if credited else None
        ),
    )


def _pdf(kind: str, document_id: int):
    document = own_document(kind, document_id)
    _read(document)
    pdf = document_pdf(document, from_portal=True, keep=True)
    return pdf_response(pdf, pdf_filename(document))


def _answer(kind: str, document_id: int):
    document = own_document(kind, document_id)
    contact = current_user._get_current_object()

    def answer():
        answer_estimate(document, request.form.get("answer") == "accept", contact=contact)
        tell_staff_of_answer(document)

    return run_action(answer, _("Thank you: your answer is recorded."),
                      url_for(f"portal.{kind}_detail", document_id=document.id))  # fmt: skip


def _module(kind: str):
    """A kind's pages are open to contacts whose permissions open its module (credit notes:
    the invoices')."""
    return module_required(KIND_MODULES[kind])


# Endpoints <kind>_<page>, as for staff (app/blueprints/admin/sales.py).
kind_routes(bp, KINDS, "list", "", _list, wrap=_module)
kind_routes(bp, KINDS, "detail", "/<int:document_id>", _detail, wrap=_module)
kind_routes(bp, KINDS, "pdf", "/<int:document_id>/pdf", _pdf, wrap=_module)
kind_routes(bp, ("estimate", "proposal"), "answer", "/<int:document_id>/answer", _answer,
            methods=("POST",), wrap=_module)  # fmt: skip
