"""PDFs through WeasyPrint, fetching nothing but our own files (their language:
app/services/languages.py).

Every resource a PDF may load has an internal `comptoir:` address (the stylesheet, the logo); any
other URL — http, file, data, a redirect — is refused before a request or a read happens.
"""

import mimetypes
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from app.forms.choices import country_name
from app.services.branding import company_name
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


def render_page(template: str, language: str, **context) -> str:
    """A PDF template's HTML in `language`, with the company settings and logo flag."""
    with force_locale(language):
        settings = get_settings()
        return render_template(template, settings=settings, company=company_name(settings),
                               company_country=country_name(settings.company_country),
                               has_logo=logo() is not None, language=language,
                               **context)  # fmt: skip


def html_to_pdf(html: str, fetcher: OwnFilesOnly | None = None) -> bytes:
    if fetcher is None:
        stored = logo()
        fetcher = OwnFilesOnly(stored.content if stored else None)
    return HTML(string=html, base_url=INTERNAL + "/", url_fetcher=fetcher).write_pdf()
