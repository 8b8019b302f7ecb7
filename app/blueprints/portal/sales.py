"""Invoices, estimates and proposals in the portal: the customer's own, their PDFs, answers."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints import impersonation
from app.blueprints.portal import bp, module_required
from app.blueprints.posting import run_action
from app.downloads import pdf_response
from app.extensions import db
from app.htmx import render
from app.models import Document
from app.services.lists import paginate
from app.services.sales.actions import answer_estimate, mark_opened
from app.services.sales.mailing import tell_staff_of_answer
from app.services.sales.pdf import document_pdf, pdf_filename
from app.services.sales.queries import portal_documents, sent_documents
from app.services.sales.service import document_totals
from app.services.sales.status import effective_status
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
    return render(
        "portal/sales/detail.html",
        kind=kind,
        document=document,
        totals=document_totals(document),
        status_name=effective_status(document),
    )


def _pdf(kind: str, document_id: int):
    document = own_document(kind, document_id)
    _read(document)
    return pdf_response(document_pdf(document, from_portal=True), pdf_filename(document))


@bp.get("/invoices")
@module_required("invoices")
def invoices():
    return _list("invoice")


@bp.get("/invoices/<int:document_id>")
@module_required("invoices")
def invoice_detail(document_id: int):
    return _detail("invoice", document_id)


@bp.get("/invoices/<int:document_id>/pdf")
@module_required("invoices")
def invoice_pdf(document_id: int):
    return _pdf("invoice", document_id)


@bp.get("/estimates")
@module_required("estimates")
def estimates():
    return _list("estimate")


@bp.get("/estimates/<int:document_id>")
@module_required("estimates")
def estimate_detail(document_id: int):
    return _detail("estimate", document_id)


@bp.get("/estimates/<int:document_id>/pdf")
@module_required("estimates")
def estimate_pdf(document_id: int):
    return _pdf("estimate", document_id)


def _answer(kind: str, document_id: int):
    document = own_document(kind, document_id)
    contact = current_user._get_current_object()

    def answer():
        answer_estimate(document, request.form.get("answer") == "accept", contact=contact)
        tell_staff_of_answer(document)

    return run_action(answer, _("Thank you: your answer is recorded."),
                      url_for(f"portal.{kind}_detail", document_id=document.id))  # fmt: skip


@bp.post("/estimates/<int:document_id>/answer")
@module_required("estimates")
def estimate_answer(document_id: int):
    return _answer("estimate", document_id)


@bp.get("/proposals")
@module_required("proposals")
def proposals():
    return _list("proposal")


@bp.get("/proposals/<int:document_id>")
@module_required("proposals")
def proposal_detail(document_id: int):
    return _detail("proposal", document_id)


@bp.get("/proposals/<int:document_id>/pdf")
@module_required("proposals")
def proposal_pdf(document_id: int):
    return _pdf("proposal", document_id)


@bp.post("/proposals/<int:document_id>/answer")
@module_required("proposals")
def proposal_answer(document_id: int):
    return _answer("proposal", document_id)
