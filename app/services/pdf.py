"""PDFs through WeasyPrint, fetching nothing but our own files (their language:
app/services/languages.py).

Every resource a PDF may load has an internal `comptoir:` address (the logo); any other URL —
http, file, data, a redirect — is refused before a request or a read happens.

Fast and flat in memory (issue 21): a WeasyPrint `FontConfiguration` (Fontconfig and Pango's font
map) costs a process about 255 KiB that is never given back when each PDF makes its own, so each
process keeps a few (one per PDF rendered at the same moment) and lends them out; pdf.css is
parsed once per process (again if the file changes); the logo is read once per PDF, from the
database, and never kept between PDFs (a new logo shows in the very next one).
"""

import hashlib
import mimetypes
import queue
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import select
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from app.extensions import db
from app.forms.choices import country_name
from app.models import StoredFile
from app.services.branding import company_name
from app.services.settings import LOGO, get_settings

INTERNAL = "comptoir:"
STATIC_FILES = {"css/pdf.css"}
STYLESHEET = "css/pdf.css"  # applied to every PDF (templates do not link it)

_idle_font_configs: "queue.SimpleQueue[FontConfiguration]" = queue.SimpleQueue()
_stylesheet: dict[str, tuple[int, CSS, bytes]] = {}  # path -> (mtime_ns, parsed, sha-256)


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


def logo_bytes() -> bytes | None:
    """The company logo's PNG, in one query (None without a logo)."""
    return db.session.scalar(select(StoredFile.content).where(StoredFile.name == LOGO))


def render_page(template: str, language: str, has_logo: bool | None = None, **context) -> str:
    """A PDF template's HTML in `language`, with the company settings and whether there is a
    logo (read here unless the caller says)."""
    with force_locale(language):
        settings = get_settings()
        if has_logo is None:
            has_logo = logo_bytes() is not None
        return render_template(template, settings=settings, company=company_name(settings),
                               company_country=country_name(settings.company_country),
                               has_logo=has_logo, language=language, **context)  # fmt: skip


def page_pdf(template: str, language: str, **context) -> bytes:
    """A PDF template rendered in `language` and made into a PDF, the logo read once."""
    logo = logo_bytes()
    html = render_page(template, language, has_logo=logo is not None, **context)
    return html_to_pdf(html, OwnFilesOnly(logo))


def html_to_pdf(html: str, fetcher: OwnFilesOnly | None = None) -> bytes:
    """`html` as a PDF with pdf.css, loading nothing but what `fetcher` serves."""
    if fetcher is None:
        fetcher = OwnFilesOnly(logo_bytes())
    with _font_config() as font_config:
        return HTML(string=html, base_url=INTERNAL + "/", url_fetcher=fetcher).write_pdf(
            font_config=font_config, stylesheets=[_parsed_stylesheet()]
        )


@contextmanager
def _font_config() -> Iterator[FontConfiguration]:
    """A font configuration no other PDF uses meanwhile (Pango's font map is not made for two
    threads at once); given back afterwards, so a process holds as many as it ever rendered PDFs
    at the same moment."""
    try:
        font_config = _idle_font_configs.get_nowait()
    except queue.Empty:
        font_config = FontConfiguration()
    try:
        yield font_config
    finally:
        _idle_font_configs.put(font_config)


def _parsed_stylesheet() -> CSS:
    """pdf.css parsed once per process, and again when the file changes (development)."""
    return _stylesheet_kept()[1]


def stylesheet_digest() -> bytes:
    """The SHA-256 of pdf.css as it is now (part of a stored PDF's fingerprint)."""
    return _stylesheet_kept()[2]


def _stylesheet_kept() -> tuple[int, CSS, bytes]:
    file = Path(current_app.static_folder) / STYLESHEET
    changed = file.stat().st_mtime_ns
    kept = _stylesheet.get(str(file))
    if kept is None or kept[0] != changed:
        text = file.read_text()
        # No url() or @font-face in pdf.css: it needs no fetcher nor font configuration.
        parsed = CSS(string=text, url_fetcher=OwnFilesOnly(None))
        kept = (changed, parsed, hashlib.sha256(text.encode()).digest())
        _stylesheet[str(file)] = kept
    return kept
