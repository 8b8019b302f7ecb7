"""A contact's email preferences: which routine emails (EMAIL_TOPICS) they still receive.

Routine emails of a module (a document sent to the customer's contacts, a payment receipt,
ticket and project notifications) skip a contact who opted out of its topic; emails a person
asked for (password links, welcome, sign-in email change, two-step) never look here."""

from sqlalchemy import ColumnElement

from app.extensions import db
from app.models import EMAIL_TOPICS, Contact
from app.services.customers.activity import log_activity


def clean_email_preferences(data: dict) -> dict:
    """The four `email_<topic>` switches of a posted form, as booleans (absent = off)."""
    return {f"email_{topic}": bool(data.get(f"email_{topic}")) for topic in EMAIL_TOPICS}


def receiving(contacts: list[Contact], topic: str) -> list[Contact]:
    """The contacts who have not opted out of `topic`'s routine emails."""
    return [contact for contact in contacts if contact.receives(topic)]


def receives_condition(topic: str) -> ColumnElement[bool]:
    """The SQL condition 'this contact receives `topic`' (for jobs that pick contacts in SQL)."""
    if topic not in EMAIL_TOPICS:
        raise ValueError(topic)
    return getattr(Contact, f"email_{topic}").is_(True)


def update_own_email_preferences(contact: Contact, data: dict) -> None:
    """A contact chooses, in the portal, which routine emails they receive; the customer's
    Activity records the change."""
    changes = {}
    for name, value in clean_email_preferences(data).items():
        if getattr(contact, name) != value:
            changes[name] = [getattr(contact, name), value]
            setattr(contact, name, value)
    if changes:
        db.session.flush()
        log_activity(contact.customer, None, "contact.profile_updated", changes=changes,
                     subject=contact.full_name, contact=contact)  # fmt: skip
