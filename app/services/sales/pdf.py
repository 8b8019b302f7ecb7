"""Invoice, estimate, proposal and credit note PDFs (the pipeline: app/services/pdf.py; the
language rule: app/services/languages.py)."""

from app.extensions import db
from app.labels.sales import UNNUMBERED
from app.models import Document
from app.services.custom_fields.values import shown_values
from app.services.languages import pdf_language
from app.services.pdf import logo_bytes, render_page
from app.services.sales.credit import applications_of
from app.services.sales.service import document_totals
from app.services.sales.status import effective_status
from app.services.stored_pdfs import pdf_of


def _context(document: Document, language: str) -> dict:
    credited = document.credited_invoice_id
    return {
        "custom_values": shown_values(document.kind, document.id, language, "on_pdf"),
        "document": document,
        "totals": document_totals(document),
        "status": effective_status(document),
        "credited_invoice": db.session.get(Document, credited) if credited else None,
        "applications": applications_of(document),
    }


def render_html(document: Document, language: str) -> str:
    return render_page("pdf/document.html", language, **_context(document, language))


def document_pdf(
    document: Document, from_portal: bool = False, keep: bool = False, with_change: bool = False
) -> bytes:
    """The PDF of a sales document, in the language the rule gives, from storage while it would
    come out the same; one rendered now is kept there when `keep` (the download routes, in its
    own commit) or `with_change` (sending: committed with the caller's change)."""
    return _pdf_in(document, pdf_language(document, from_portal), keep, with_change)


def store_pdfs(document_id: int) -> None:
    """Render and keep a document's PDF in the language staff download it in and, once issued,
    the portal's when another (a draft stays with staff). One kept already as it would come out
    now is left as it is: of the jobs that saves in a row queue, the first renders the latest
    version and the others nothing; a document gone since leaves nothing to do."""
    document = db.session.get(Document, document_id)
    if document is None:
        return
    sides = (False,) if document.status == "draft" else (False, True)
    for language in dict.fromkeys(pdf_language(document, portal) for portal in sides):
        _pdf_in(document, language, keep=True)


def _pdf_in(document: Document, language: str, keep: bool, with_change: bool = False) -> bytes:
    """The PDF of `document` in `language`, as document_pdf makes it."""
    logo = logo_bytes()
    html = render_page("pdf/document.html", language, has_logo=logo is not None,
                       **_context(document, language))  # fmt: skip
    return pdf_of(document.id, language, html, logo, keep, with_change)


def pdf_filename(document: Document) -> str:
    """INV-000042.pdf; a draft invoice, not numbered yet: Draft-12.pdf (its id)."""
    return f"{document.number or f'{UNNUMBERED}-{document.id}'}.pdf"
