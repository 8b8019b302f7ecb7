"""Editable templates sent to a customer's contacts, in the customer's language."""

from app.links import external_url, links_in_language
from app.models import Contact, OutboxMessage
from app.services.custom_fields.merge import custom_merge_values
from app.services.languages import contact_email
from app.services.mail.outbox import queue_email
from app.services.mail.render import render_email


def queue_contact_email(
    contact: Contact, key: str, *, language: str | None = None, to: str | None = None, **values
) -> OutboxMessage | None:
    """Fill template `key` for this contact and queue it (None if the template is off); in
    `language` when a document's own language decides, else the contact's; to `to` instead of
    the contact's address when given (the old one, after a change)."""
    language = language or contact_email(contact)
    merge = {
        "contact_firstname": contact.first_name,
        "contact_lastname": contact.last_name,
        "client_company": contact.customer.company,
        "portal_url": external_url("portal.login"),
        **custom_merge_values(contact, language),
        **values,
    }
    rendered = render_email(key, language, links_in_language(merge, language))
    if rendered is None:
        return None
    return queue_email(
        to or contact.email,
        rendered.subject,
        rendered.html,
        rendered.text,
        kind=key,
        customer_id=contact.customer_id,
    )
