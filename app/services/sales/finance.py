"""Settings → Finance: number prefixes and next numbers, default due days, registration numbers,
and the notes and terms a new document starts with, per kind and language."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import DOCUMENT_KINDS, DocumentDefault
from app.services import Collector
from app.services.sales.numbering import YEAR, next_number, raise_next_number
from app.services.settings import get_settings, save_settings

PREFIX_MAX = 20
TEXT_MAX = 5000
REGISTRATION_MAX = 500
DAYS_MAX = 365


@dataclass
class FinanceInput:
    prefixes: dict[str, str]  # kind -> prefix
    next_numbers: dict[str, int | None]  # kind -> next number (None: unchanged)
    invoice_due_days: int | None
    estimate_valid_days: int | None
    company_registration: str | None


def current_finance(today: date | None = None) -> dict:
    """What the Finance page shows: prefixes, next numbers, due days, registration numbers."""
    today = today or date.today()
    settings = get_settings()
    values = {f"{kind}_prefix": getattr(settings, f"{kind}_prefix") for kind in DOCUMENT_KINDS}
    for kind in DOCUMENT_KINDS:
        values[f"{kind}_next"] = next_number(kind, values[f"{kind}_prefix"], today)
    values["invoice_due_days"] = settings.invoice_due_days
    values["estimate_valid_days"] = settings.estimate_valid_days
    values["company_registration"] = settings.company_registration
    return values


def _prefix(errors: Collector, field: str, value: str | None) -> str:
    """A prefix: no control characters, at most 20 characters, {YYYY} its only placeholder."""
    value = errors.text(field, value, PREFIX_MAX)
    rest = value.replace(YEAR, "", 1)
    if "{" in rest or "}" in rest:
        errors.add(field, _("The only placeholder a prefix may hold is {YYYY}, once."))
    return value


def _days(errors: Collector, field: str, value: int | None) -> int | None:
    if value is None or not 0 <= value <= DAYS_MAX:
        errors.add(field, _("Enter a number of days from 0 to %(n)d.", n=DAYS_MAX))
        return None
    return value


def save_finance(data: FinanceInput, today: date | None = None) -> None:
    """Check and store the Finance settings; a next number can only be raised (FormErrors)."""
    today = today or date.today()
    errors = Collector()
    prefixes = {k: _prefix(errors, f"{k}_prefix", data.prefixes.get(k)) for k in DOCUMENT_KINDS}
    due_days = _days(errors, "invoice_due_days", data.invoice_due_days)
    valid_days = _days(errors, "estimate_valid_days", data.estimate_valid_days)
    registration = errors.text(
        "company_registration", data.company_registration, REGISTRATION_MAX, multiline=True
    )
    errors.raise_if_any()
    for kind in DOCUMENT_KINDS:
        value = data.next_numbers.get(kind)
        if value is not None:
            errors.check(raise_next_number, kind, prefixes[kind], value, today, f"{kind}_next")
    errors.raise_if_any()
    values = {f"{kind}_prefix": prefix for kind, prefix in prefixes.items()}
    save_settings(values | {"invoice_due_days": due_days, "estimate_valid_days": valid_days,
                            "company_registration": registration})  # fmt: skip


def document_texts(kind: str, language: str) -> tuple[str, str]:
    """The (notes, terms) a new document of `kind` in `language` starts with."""
    row = db.session.get(DocumentDefault, (kind, language))
    notes, terms = (row.notes or "", row.terms or "") if row else ("", "")
    if not terms and kind == "invoice":  # the one default text before there was one per language
        terms = get_settings().invoice_terms or ""
    return notes, terms


def texts_for_new_language(
    kind: str, old: str, new: str, notes: str | None, terms: str | None
) -> tuple[str, str]:
    """A document's (notes, terms) once its language changes from `old` to `new`: a text still
    the untouched default of `old` becomes the default of `new`; a text someone edited stays."""

    def plain(text: str | None) -> str:  # a textarea sends its lines back with \r\n
        return (text or "").replace("\r\n", "\n").strip()

    old_notes, old_terms = document_texts(kind, old)
    new_notes, new_terms = document_texts(kind, new)
    notes = new_notes if plain(notes) == plain(old_notes) else notes or ""
    terms = new_terms if plain(terms) == plain(old_terms) else terms or ""
    return notes, terms


def saved_texts() -> dict[tuple[str, str], DocumentDefault]:
    """Every saved default text, by (kind, language)."""
    return {(row.kind, row.language): row for row in db.session.scalars(select(DocumentDefault))}


def save_document_texts(kind: str, language: str, notes: str | None, terms: str | None) -> None:
    """Store the default notes and terms of `kind` in `language` (FormErrors)."""
    errors = Collector()
    notes = errors.text("notes", notes, TEXT_MAX, multiline=True)
    terms = errors.text("terms", terms, TEXT_MAX, multiline=True)
    errors.raise_if_any()
    row = db.session.get(DocumentDefault, (kind, language))
    if row is None:
        row = DocumentDefault(kind=kind, language=language)
        db.session.add(row)
    row.notes, row.terms = notes or None, terms or None
    db.session.flush()
