"""Invoice and estimate PDFs through WeasyPrint, fetching nothing but our own files.

Every resource a PDF may load has an internal `comptoir:` address (the stylesheet, the logo); any
other URL — http, file, data, a redirect — is refused before a request or a read happens.
"""

import mimetypes
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from app.i18n import default_language, resolve_language
from app.models import Document
from app.services.sales.documents import document_totals, effective_status
from app.services.settings import get_settings, logo

INTERNAL = "comptoir:"
STATIC_FILES = {"css/pdf.css"}


class OwnFilesOnly(URLFetcher):
    """A WeasyPrint fetcher that serves our stylesheet and logo, and refuses everything else."""

    def __init__(self, logo_bytes: bytes | None):
        super().__init__(allowed_protocols=set(), allow_redirects=False)
        self.logo_bytes = logo_bytes
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith(INTERNAL):
            path = url[len(INTERNAL) :].lstrip("/")
            if path == "logo.png" and self.logo_bytes:
                return URLFetcherResponse(url, self.logo_bytes, {"Content-Type": "image/png"})
            if path.startswith("static/") and path[len("static/") :] in STATIC_FILES:
                file = Path(current_app.static_folder) / path[len("static/") :]
                mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, file.read_bytes(), {"Content-Type": mime})
        self.refused.append(url)
        raise ValueError(f"refused to fetch {url!r}: PDFs load only Comptoir's own files")


def pdf_language(document: Document, from_portal: bool) -> str:
    """Portal: the document's (customer's) language. Admin: the system default, unless the
    Localization setting asks for the client's language."""
    settings = get_settings()
    if from_portal or settings.pdf_in_client_language:
        return resolve_language(document.customer.language or document.language)
    return default_language()


def render_html(document: Document, language: str) -> str:
    stored = logo()
    with force_locale(language):
        return render_template("pdf/document.html", document=document, settings=get_settings(),
                               totals=document_totals(document), has_logo=stored is not None,
                               status=effective_status(document), language=language)  # fmt: skip


def html_to_pdf(html: str, fetcher: OwnFilesOnly) -> bytes:
    return HTML(string=html, base_url=INTERNAL + "/", url_fetcher=fetcher).write_pdf()


def document_pdf(document: Document, from_portal: bool = False) -> bytes:
    """The PDF of an estimate or invoice, in the language the rule gives."""
    stored = logo()
    fetcher = OwnFilesOnly(stored.content if stored else None)
    return html_to_pdf(render_html(document, pdf_language(document, from_portal)), fetcher)


def pdf_filename(document: Document) -> str:
    return f"{document.number}.pdf"
