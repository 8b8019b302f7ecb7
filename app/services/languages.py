"""Which language each output speaks: one rule per output, and no other place decides.

- The screen: staff their own language; contacts their customer's; visitors (and staff who
  chose none) a page's hint, their cookie, then their browser: the sign-in page's language.
- Emails: to a contact, the customer's language; to staff, the staff member's (and so does a
  staff member's calendar feed).
- A document keeps the language it was saved with (a contract, which has none of its own, takes
  its customer's). Its portal PDF, the email that sends it and an invoice's receipt use it; a
  staff PDF too when Settings → Localization → "Output client PDF documents from the admin area
  in the client's language" is Yes, else the system default. Changing the customer's language
  later changes none of them.
"""

from flask import g, has_request_context, request
from flask_login import current_user

from app.i18n import (
    LANGUAGE_COOKIE,
    default_language,
    is_staff_user,
    resolve_language,
    shipped_languages,
)
from app.models import Contact, Contract, Customer, Document, User
from app.services.settings import get_settings


def customer_language(customer: Customer) -> str:
    """The customer's language if we ship it, else the system default (a new document's too)."""
    return resolve_language(customer.language)


def screen() -> str:
    """Staff: their own language; contacts: their customer's; visitors, and staff with no
    language of their own: hint, cookie, browser (the sign-in page's language)."""
    languages = shipped_languages()
    if not has_request_context():  # CLI, workers: the system default
        return default_language()
    user = current_user._get_current_object()  # once: each use of the proxy looks it up again
    if is_staff_user(user) and user.language in languages:
        return user.language
    if user and user.is_authenticated and not is_staff_user(user):
        return customer_language(user.customer)
    # Visitors, and staff without a language of their own: the sign-in page's language, so
    # signing in from the French page opens a French dashboard.
    hint = g.get("locale_hint")  # e.g. the customer's language on a contact's emailed link
    if hint in languages:
        return hint
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages) or default_language()


def speak_to(customer: Customer) -> None:
    """Serve this page in the customer's language (a signed-out contact's pages), if shipped."""
    speak(customer.language)


def speak(code: str | None) -> None:
    """Serve this page (and its flashed messages from now on) in `code`, if shipped."""
    g.locale_hint = code


def signed_out_language(person) -> str | None:
    """The language a sign-out keeps for the sign-in page: a contact's customer's, if shipped;
    None for staff (their sign-in page follows the browser)."""
    if not isinstance(person, Contact):
        return None
    code = person.customer.language
    return code if code in shipped_languages() else None


def contact_email(person: Contact | Customer) -> str:
    """An email to a contact (or a customer's contacts): the customer's language."""
    return customer_language(person.customer if isinstance(person, Contact) else person)


def staff_email(user: User, asked_in: str | None = None) -> str:
    """An email to a staff member: their own language; else, for a message they asked for from
    a page (a password reset), that page's language; else the system default."""
    if user.language in shipped_languages():
        return user.language
    return resolve_language(asked_in)


def calendar_language(user: User) -> str:
    """A staff member's calendar feed: their own language, else the system default."""
    return staff_email(user)


def document_language(document: Document | Contract) -> str:
    """The language a document was saved with; a contract, which has none, its customer's."""
    if isinstance(document, Contract):
        return customer_language(document.customer)
    return resolve_language(document.language)


def portal_pdf_language(document: Document | Contract) -> str:
    """A PDF opened in the portal or sent by email: the document's own language."""
    return document_language(document)


def staff_pdf_language(document: Document | Contract) -> str:
    """A PDF downloaded by staff: the document's language if the setting says so, else the
    system default."""
    if get_settings().pdf_in_client_language:
        return document_language(document)
    return default_language()


def pdf_language(document: Document | Contract, from_portal: bool) -> str:
    """The PDF's language: the portal's rule or the staff rule."""
    return portal_pdf_language(document) if from_portal else staff_pdf_language(document)


def statement_language(customer: Customer, from_portal: bool) -> str:
    """A statement (page PDF or email) has no language of its own: the customer's in the
    portal and by email; from the admin area, as a document's staff PDF (the customer's if
    the setting says so, else the system default)."""
    if from_portal or get_settings().pdf_in_client_language:
        return customer_language(customer)
    return default_language()


def sending_email_language(document: Document | Contract) -> str:
    """The email that sends a document to the customer speaks the document's language."""
    return document_language(document)


def receipt_language(invoice: Document) -> str:
    """A payment's receipt speaks the language of the invoice it pays."""
    return document_language(invoice)
