"""The firm's name and logo on every page, email and PDF, and the name its emails come from.

Settings → Company sets both; "Comptoir" stands in only while no company name is saved.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import g, has_request_context, url_for
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.models import StoredFile
from app.process_cache import remembered
from app.services.settings import LOGO, Settings, get_settings

PRODUCT_NAME = "Comptoir"


@dataclass(frozen=True)
class Brand:
    """What a page shows as its brand: the company's name, and its logo if one was uploaded."""

    name: str
    logo_version: int | None  # the logo's last change (a cache-busting query), None: no logo

    @property
    def logo_url(self) -> str | None:
        """The logo from our own upload route, on this site (None without a logo)."""
        if self.logo_version is None:
            return None
        return url_for("site.logo", v=self.logo_version)


def company_name(settings: Settings | None = None) -> str:
    """The company's name, or the product's while none is set."""
    return (settings or get_settings()).company_name.strip() or PRODUCT_NAME


_LOGO_CHANGED_AT = select(StoredFile.updated_at).where(StoredFile.name == LOGO)


def _logo_changed_at() -> datetime | None:
    """When the logo last changed, None without one (or when the database cannot answer: an
    error page must still render). Only the date: the logo is read by its own route."""
    try:
        return remembered("logo_changed_at", lambda: db.session.scalar(_LOGO_CHANGED_AT))
    except SQLAlchemyError:
        db.session.rollback()
        return None


def brand() -> Brand:
    """The brand of this request (read once per request)."""
    if has_request_context() and "brand" in g:
        return g.brand
    changed = _logo_changed_at()
    found = Brand(company_name(), int(changed.timestamp()) if changed else None)
    if has_request_context():
        g.brand = found
    return found


def sender_name(settings: Settings) -> str:
    """The From display name: the sender name an administrator typed under Settings → Email,
    else the company's name (so a firm that never opened that page still mails as itself)."""
    return (settings.mail_sender_name or "").strip() or company_name(settings)


def reply_to(settings: Settings) -> tuple[str, str] | None:
    """Where a reply goes: (company name, company email) when an email is set under Settings →
    Company (the sender address is often a no-reply or a relay account nobody reads)."""
    address = (settings.company_email or "").strip()
    return (company_name(settings), address) if address else None
