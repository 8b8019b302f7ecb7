"""Contract PDFs: the invoices' WeasyPrint pipeline, fetcher and language rule."""

import re
import unicodedata

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from app.i18n import default_language, resolve_language
from app.models import Contract
from app.services.contracts.contracts import effective_status
from app.services.sales.pdf import OwnFilesOnly, html_to_pdf
from app.services.settings import get_settings, logo


def contract_language(contract: Contract, from_portal: bool) -> str:
    """Portal: the customer's language. Admin: the system default, unless the Localization
    setting asks for the client's language (the rule invoices follow)."""
    if from_portal or get_settings().pdf_in_client_language:
        return resolve_language(contract.customer.language)
    return default_language()


def contract_pdf(contract: Contract, from_portal: bool = False) -> bytes:
    """The PDF of a contract, in the language the rule gives."""
    stored = logo()
    language = contract_language(contract, from_portal)
    with force_locale(language):
        html = render_template("pdf/contract.html", contract=contract, settings=get_settings(),
                               has_logo=stored is not None, status=effective_status(contract),
                               language=language)  # fmt: skip
    return html_to_pdf(html, OwnFilesOnly(stored.content if stored else None))


def _slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by dashes: safe in any file name."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def contract_filename(
    contract: Contract, from_portal: bool = False, language: str | None = None
) -> str:
    """'contract-12-maintenance.pdf' (the word in the PDF's language): the id and a safe slug
    of the subject."""
    with force_locale(language or contract_language(contract, from_portal)):
        # Translators: the start of a contract PDF's file name, lower case, no spaces.
        word = _slug(_("contract")) or "contract"
    slug = _slug(contract.subject)[:40].strip("-")
    return f"{word}-{contract.id}{'-' + slug if slug else ''}.pdf"
