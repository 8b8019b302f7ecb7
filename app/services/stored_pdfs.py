"""Sales documents' PDFs rendered once and served again while they would come out the same
(issue 21: WeasyPrint costs about 150 ms a PDF; a stored one is one read).

A stored PDF carries the fingerprint of everything that makes it: the page's HTML (the document,
its status and amounts, the company's settings, the words of its language), the stylesheet, the
logo's bytes and WeasyPrint's version. A PDF is served from storage only when the fingerprint of
the page as it would be rendered now is the same, so a changed document, setting, logo or
translation gives a new PDF at once, with no list of what to forget when. One row per document
and language, replaced when it changes (a draft's as it is edited, then by the issued one). The
download routes keep what they render (a GET writes nothing else, so keeping it cannot commit
half of another change), sending keeps it with the change that sends (one render for the email
and the job after it), and so does a job: once a change that saves a draft or issues a document
or changes an issued one (issued, sent, paid, credited, answered) commits, the worker renders
its PDFs ahead of the first download (app/services/sales/pdf.py::store_pdfs).
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
from app.services.locks import savepoint
from app.services.pdf import OwnFilesOnly, html_to_pdf, stylesheet_digest

log = logging.getLogger(__name__)


def fingerprint(html: str, logo: bytes | None) -> str:
    """What a PDF of `html` depends on, as one digest."""
    digest = hashlib.sha256(f"weasyprint {weasyprint_version}\n".encode())
    for part in (stylesheet_digest(), hashlib.sha256(logo or b"").digest(), html.encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def store_later(document: Document) -> None:
    """Have the worker render and store a sales document's PDFs once this transaction commits,
    a draft's too (an opening balance has no PDF; a document not flushed yet has no id: its
    service asks again once it has one), unless the setting PDF_STORE_AHEAD is off."""
    if not current_app.config["PDF_STORE_AHEAD"]:
        return
    if document.id is not None and document.kind in DOCUMENT_KINDS:
        run_after_commit("store_document_pdfs", document.id)


def pdf_of(
    document_id: int, language: str, html: str, logo: bytes | None, keep: bool,
    with_change: bool = False,
) -> bytes:  # fmt: skip
    """The PDF of `html`: the stored one when its fingerprint matches, else rendered now and, when
    `keep`, stored in its own commit, or when `with_change`, in the caller's transaction."""
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
    if keep or with_change:
        _keep(document_id, language, mark, pdf, commit=not with_change)
    return pdf


def _keep(document_id: int, language: str, mark: str, pdf: bytes, commit: bool) -> None:
    """Store (or replace) the document's PDF in `language`, in its own commit or (not `commit`)
    in a savepoint of the caller's transaction; a failure to store costs the next download a
    render, never this one its PDF nor the caller its change."""
    table = StoredPdf.__table__
    dialect = db.session.get_bind().dialect.name
    insert = (pg_insert if dialect == "postgresql" else sqlite_insert)(table).values(
        document_id=document_id, language=language, fingerprint=mark, content=pdf,
        created_at=utcnow(),
    )  # fmt: skip
    upsert = insert.on_conflict_do_update(
        index_elements=["document_id", "language"],
        set_={"fingerprint": mark, "content": pdf, "created_at": insert.excluded.created_at},
    )
    if not commit:
        try:
            with savepoint():
                db.session.execute(upsert)
        except SQLAlchemyError:
            log.warning("could not store the PDF of document %s", document_id, exc_info=True)
        return
    try:
        db.session.execute(upsert)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        log.warning("could not store the PDF of document %s", document_id, exc_info=True)
