"""Settings kept in the database, typed, with defaults; read once per request, kept per process."""

from dataclasses import dataclass
from zoneinfo import available_timezones

from flask import current_app, g, has_request_context
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.models import Setting, StoredFile
from app.process_cache import remembered
from app.services import ValidationError
from app.services.images import NotAnImage, reencode

LOGO = "company_logo"
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 600
DATE_FORMATS = ("medium", "short", "long", "iso")
SMTP_SECURITY = ("none", "starttls", "ssl")


@dataclass(frozen=True)
class Spec:
    kind: type
    default: object = None


def _env(name: str):
    """A default read from the app's configuration (the MAIL_* and similar variables)."""
    return lambda: current_app.config.get(name)


SPECS = {
    "company_name": Spec(str, ""),
    "company_address": Spec(str, ""),
    "company_vat": Spec(str, ""),
    "company_phone": Spec(str, ""),
    "company_email": Spec(str, ""),
    "default_language": Spec(str, _env("DEFAULT_LANGUAGE")),
    "date_format": Spec(str, "medium"),
    "timezone": Spec(str, "Europe/Paris"),
    "pdf_in_client_language": Spec(bool, False),
    "invoice_prefix": Spec(str, "INV-"),
    "estimate_prefix": Spec(str, "EST-"),
    "proposal_prefix": Spec(str, "PRO-"),
    "credit_prefix": Spec(str, "CN-"),
    "contract_reminder_days": Spec(int, 30),
    "invoice_due_days": Spec(int, 30),
    "estimate_valid_days": Spec(int, 30),
    "invoice_terms": Spec(str, ""),
    # Settings → Finance, payment reminders: days before / after the due date (0: off).
    "payment_reminder_before": Spec(int, 0),
    "payment_reminder_after_1": Spec(int, 7),
    "payment_reminder_after_2": Spec(int, 14),
    "payment_reminder_after_3": Spec(int, 30),
    "smtp_host": Spec(str, _env("MAIL_SERVER")),
    "smtp_port": Spec(int, _env("MAIL_PORT")),
    "smtp_security": Spec(
        str,
        lambda: (
            "ssl"
            if current_app.config.get("MAIL_USE_SSL")
            else ("starttls" if current_app.config.get("MAIL_USE_TLS") else "none")
        ),
    ),
    "smtp_user": Spec(str, _env("MAIL_USERNAME")),
    "smtp_password": Spec(str, _env("MAIL_PASSWORD")),
    # Empty: emails go out in the company's name (app/services/branding.py::sender_name).
    "mail_sender_name": Spec(str, ""),
    "mail_sender_email": Spec(str, lambda: _sender_address()),
    # Settings → Finance: SIRET, HRB, CIF… as typed, printed on every PDF.
    "company_registration": Spec(str, ""),
    "company_country": Spec(str, ""),  # ISO 3166 code; suggests the default currency
    # Settings → Security: two-step sign-in required of every staff member / every contact.
    "two_step_staff": Spec(bool, False),
    "two_step_contacts": Spec(bool, False),
}


def _sender_address() -> str:
    from email.utils import parseaddr

    return parseaddr(current_app.config.get("MAIL_DEFAULT_SENDER") or "")[1] or "noreply@localhost"


class Settings:
    """The effective settings: saved values over defaults."""

    def __init__(self, saved: dict):
        self._saved = saved

    def __getattr__(self, key: str):
        spec = SPECS.get(key)
        if spec is None:
            raise AttributeError(key)
        if key in self._saved and self._saved[key] is not None:
            return spec.kind(self._saved[key])
        return spec.default() if callable(spec.default) else spec.default

    def is_saved(self, key: str) -> bool:
        return self._saved.get(key) not in (None, "")


def _saved() -> dict:
    """Every saved setting, {key: value}, in one query."""
    return dict(db.session.execute(select(Setting.key, Setting.value)).all())


def load_settings(read=_saved) -> Settings:
    """The settings from `read()` (defaults if the database cannot answer)."""
    try:
        return Settings(read())
    except SQLAlchemyError:
        # An error page must still render when the database is down or not migrated yet.
        db.session.rollback()
        current_app.logger.exception("settings could not be read; using defaults")
        return Settings({})


def get_settings() -> Settings:
    """The settings of this request (kept by this process while no one changes them), or
    freshly read outside a request."""
    if not has_request_context():
        return load_settings()
    if "settings" not in g:
        g.settings = load_settings(lambda: remembered("settings", _saved))
    return g.settings


def save_settings(values: dict) -> None:
    """Store typed values; unknown keys are a programming error."""
    for key, value in values.items():
        spec = SPECS[key]
        row = db.session.get(Setting, key)
        stored = spec.kind(value) if value is not None else None
        if row is None:
            db.session.add(Setting(key=key, value=stored))
        else:
            row.value = stored
    db.session.flush()
    g.pop("settings", None)


def check_localization(language: str, date_format: str, timezone: str) -> None:
    """Refuse values the app cannot honour."""
    if language not in current_app.config["LANGUAGES"]:
        raise ValidationError(_("Choose a language from the list."), "default_language")
    if date_format not in DATE_FORMATS:
        raise ValidationError(_("Choose a date format from the list."), "date_format")
    if timezone not in available_timezones():
        raise ValidationError(_("Choose a time zone from the list."), "timezone")


def store_logo(data: bytes) -> None:
    """Keep a PNG or JPEG logo, checked by its content, resized and re-encoded as PNG."""
    if len(data) > current_app.config.get("LOGO_MAX_BYTES", LOGO_MAX_BYTES):
        raise ValidationError(_("The logo may weigh at most 1 MB."), "logo")
    try:
        _format, content = reencode(data, {"PNG", "JPEG"}, LOGO_MAX_SIDE, out_format="PNG")
    except NotAnImage as exc:
        raise ValidationError(_("The logo must be a PNG or JPEG image."), "logo") from exc
    row = db.session.get(StoredFile, LOGO)
    if row is None:
        db.session.add(StoredFile(name=LOGO, content=content, mimetype="image/png"))
    else:
        row.content, row.mimetype = content, "image/png"
    db.session.flush()


def logo() -> StoredFile | None:
    """The company logo, if one was uploaded."""
    return db.session.get(StoredFile, LOGO)


def remove_logo() -> None:
    row = db.session.get(StoredFile, LOGO)
    if row is not None:
        db.session.delete(row)
        db.session.flush()
