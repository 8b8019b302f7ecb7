"""Custom fields in the emails sent to contacts: `{customer_custom_<key>}` and
`{contact_custom_<key>}` merge fields, offered by every template that names a contact."""

from app.models import Contact
from app.services.custom_fields.definitions import entity_fields, field_label
from app.services.custom_fields.values import custom_mapping

PREFIXES = {"customer": "customer_custom_", "contact": "contact_custom_"}


def custom_merge_names() -> tuple[str, ...]:
    """The merge fields of the active customer and contact fields, in their order."""
    return tuple(PREFIXES[entity] + f.key for entity in PREFIXES for f in entity_fields(entity))


def custom_merge_values(contact: Contact, language: str) -> dict[str, str]:
    """The contact's and its customer's custom values, shown in `language` (empty when unset:
    a paragraph naming only an empty one is left out, as for any merge field)."""
    values = {}
    for entity, record_id in (("customer", contact.customer_id), ("contact", contact.id)):
        for key, shown in custom_mapping(entity, record_id, language).items():
            values[PREFIXES[entity] + key] = shown
    return values


def custom_merge_samples(language: str) -> dict[str, str]:
    """Sample values for a template's preview: each field's label in brackets."""
    return {
        PREFIXES[entity] + f.key: f"[{field_label(f, language)}]"
        for entity in PREFIXES
        for f in entity_fields(entity)
    }
