"""Sales documents' PDFs rendered once and served again while they would come out the same
(issue 21: WeasyPrint costs about 150 ms a PDF; a stored one is one read).

A stored PDF carries the fingerprint of everything that makes it: the page's HTML (the document,
its status and amounts, the company's settings, the words of its language), the stylesheet, the
logo's bytes and WeasyPrint's version. A PDF is served from storage only when the fingerprint of
the page as it would be rendered now is the same, so a changed document, setting, logo or
translation gives a new PDF at once, with no list of what to forget when. Only issued documents
are kept (a draft changes as it is written), one row per document and language, replaced when it
changes. The download routes keep what they render (a GET writes nothing else, so keeping it
cannot commit half of another change), and so does a job: once a change that issues a document
or changes an issued one (issued, sent, paid, credited, answered) commits, the worker renders its
PDFs ahead of the first download (app/services/sales/pdf.py::store_pdfs); emails and reminders
reuse what is kept.
"""

import hashlib
import logging

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from weasyprint import __version__ as weasyprint_version

from app.after_commit import run_after_commit
from app.extensions import db
from app.models import Document, StoredPdf
from app.models.sales import DOCUMENT_KINDS
from app.models.types import utcnow
from app.services.pdf import OwnFilesOnly, html_to_pdf, stylesheet_digest

log = logging.getLogger(__name__)


def fingerprint(html: str, logo: bytes | None) -> str:
    """What a PDF of `html` depends on, as one digest."""
    digest = hashlib.sha256(f"weasyprint {weasyprint_version}\n".encode())
    for part in (stylesheet_digest(), hashlib.sha256(logo or b"").digest(), html.encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def store_later(document: Document) -> None:
    """Have the worker render and store an issued document's PDFs once this transaction commits
    (a draft's never: it changes as it is written; an opening balance has no PDF), unless the
    setting PDF_STORE_AHEAD is off."""
    if not current_app.config["PDF_STORE_AHEAD"]:
        return
    if document.status != "draft" and document.kind in DOCUMENT_KINDS:
        run_after_commit("store_document_pdfs", document.id)


def pdf_of(document_id: int, language: str, html: str, logo: bytes | None, keep: bool) -> bytes:
    """The PDF of `html`: the stored one when its fingerprint matches, else rendered now (and
    stored when `keep`)."""
    mark = fingerprint(html, logo)
    stored = db.session.scalar(
        select(StoredPdf.content).where(
            StoredPdf.document_id == document_id,
            StoredPdf.language == language,
            StoredPdf.fingerprint == mark,
        )
    )
    if stored is not None:
        return stored
    pdf = html_to_pdf(html, OwnFilesOnly(logo))
    if keep:
        _keep(document_id, language, mark, pdf)
    return pdf


def _keep(document_id: int, language: str, mark: str, pdf: bytes) -> None:
    """Store (or replace) the document's PDF in `language`, in its own commit; a failure to store
    costs the next download a render, never this one its PDF."""
    table = StoredPdf.__table__
    dialect = db.session.get_bind().dialect.name
    insert = (pg_insert if dialect == "postgresql" else sqlite_insert)(table).values(
        document_id=document_id, language=language, fingerprint=mark, content=pdf,
        created_at=utcnow(),
    )  # fmt: skip
    try:
        db.session.execute(
            insert.on_conflict_do_update(
                index_elements=["document_id", "language"],
                set_={
                    "fingerprint": mark,
                    "content": pdf,
                    "created_at": insert.excluded.created_at,
                },
            )
        )
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        log.warning("could not store the PDF of document %s", document_id, exc_info=True)
