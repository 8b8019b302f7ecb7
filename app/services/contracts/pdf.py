"""Contract PDFs: the invoices' WeasyPrint pipeline and fetcher; the language rule of every
document (app/services/languages.py)."""

import re
import unicodedata

from flask_babel import force_locale
from flask_babel import gettext as _

from app.models import Contract
from app.services.contracts.status import effective_status
from app.services.custom_fields.values import shown_values
from app.services.languages import pdf_language
from app.services.pdf import page_pdf


def contract_pdf(contract: Contract, from_portal: bool = False) -> bytes:
    """The PDF of a contract, in the language the rule gives."""
    language = pdf_language(contract, from_portal)
    return page_pdf(
        "pdf/contract.html",
        language,
        contract=contract,
        status=effective_status(contract),
        custom_values=shown_values("contract", contract.id, language, "on_pdf"),
    )


def _slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by dashes: safe in any file name."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def contract_filename(
    contract: Contract, from_portal: bool = False, language: str | None = None
) -> str:
    """'contract-12-maintenance.pdf' (the word in the PDF's language): the id and a safe slug
    of the subject."""
    with force_locale(language or pdf_language(contract, from_portal)):
        # Translators: the start of a contract PDF's file name, lower case, no spaces.
        word = _slug(_("contract")) or "contract"
    slug = _slug(contract.subject)[:40].strip("-")
    return f"{word}-{contract.id}{'-' + slug if slug else ''}.pdf"
