"""Editable templates sent to a customer's contacts, in the customer's language."""

from flask import current_app, url_for

from app.i18n import resolve_language
from app.models import Contact, OutboxMessage
from app.services.mail.outbox import queue_email
from app.services.mail.render import render_email


def contact_language(contact: Contact) -> str:
    """The customer's language if we ship it, else the system default."""
    return resolve_language(contact.customer.language)


def queue_contact_email(contact: Contact, key: str, **values) -> OutboxMessage | None:
    """Fill template `key` for this contact and queue it (None if the template is off)."""
    base = current_app.config["BASE_URL"]
    merge = {
        "contact_firstname": contact.first_name,
        "contact_lastname": contact.last_name,
        "client_company": contact.customer.company,
        "portal_url": base + url_for("portal.login"),
        **values,
    }
    rendered = render_email(key, contact_language(contact), merge)
    if rendered is None:
        return None
    return queue_email(
        contact.email,
        rendered.subject,
        rendered.html,
        rendered.text,
        kind=key,
        customer_id=contact.customer_id,
    )
