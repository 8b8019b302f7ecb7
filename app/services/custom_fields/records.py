"""Custom values as a record's service sees them: checked with the record's other fields,
compared for its Activity, written in its transaction, removed with it."""

from sqlalchemy import select

from app.extensions import db
from app.i18n import default_language
from app.models import (
    Contact,
    Contract,
    CustomFieldDefinition,
    CustomFieldValue,
    Project,
    Ticket,
    User,
)
from app.services import Collector, FormErrors
from app.services.bulk import insert_rows
from app.services.custom_fields.definitions import CHOICE_TYPES, entity_fields, field_label
from app.services.custom_fields.terms import TEXT_TYPES, index_records
from app.services.custom_fields.values import (
    changed_values,
    clean_values,
    delete_record_values,
    display,
    form_name,
    record_values,
    value_dict,
    value_row,
    write_values,
)


def clean_custom(entity: str, data: dict, errors: Collector) -> tuple:
    """(fields, {field id: values}) of the active fields the form holds (a form without them,
    such as Quick create, leaves them as they are); problems go to `errors`."""
    fields = [f for f in entity_fields(entity) if form_name(f) in data]
    return fields, clean_values(fields, data, errors)


def custom_changes(entity: str, record_id: int, custom: tuple) -> dict:
    """{"custom:<label>": [old, new]} as the Activity shows them, nothing written."""
    fields, cleaned = custom
    if not fields:
        return {}
    by_id, language = {f.id: f for f in fields}, default_language()
    return {
        f"custom:{field_label(by_id[i], language)}": [display(by_id[i], old, language),
                                                      display(by_id[i], new, language)]
        for i, (old, new) in changed_values(entity, record_id, fields, cleaned).items()
    }  # fmt: skip


def write_new_values(entity: str, fields: dict[int, CustomFieldDefinition],
                     records: list[tuple[int, dict[int, list]]]) -> None:  # fmt: skip
    """Write the values of records this transaction made ([(record id, {field id: values})],
    none stored yet, so nothing to lock, read or delete): one insert for all, their text fields'
    terms in one go; the rows and terms `write_values` gives each of them."""
    rows = [value_dict(fields[field_id], entity, record_id, value)
            for record_id, values in records
            for field_id, new in values.items() for value in new]  # fmt: skip
    insert_rows(CustomFieldValue, rows)
    index_records({(field_id, record_id): list(new)
                   for record_id, values in records for field_id, new in values.items()
                   if new and fields[field_id].field_type in TEXT_TYPES})  # fmt: skip


def write_custom(entity: str, record_id: int, custom: tuple) -> None:
    fields, cleaned = custom
    if fields:
        write_values(entity, record_id, fields, cleaned)


# What goes with a deleted customer (its database cascade), whose values go with them.
OWNED = {"contact": Contact, "contract": Contract, "project": Project, "ticket": Ticket}


def delete_custom(entity: str, record_id: int) -> None:
    """Remove a deleted record's values (a customer's take its contacts', contracts', projects'
    and tickets' with them)."""
    delete_record_values(entity, [record_id])
    if entity == "customer":
        for owned, model in OWNED.items():
            query = select(model.id).where(model.customer_id == record_id)
            delete_record_values(owned, list(db.session.scalars(query)))


def copy_custom(source: str, source_id: int, target: str, target_id: int) -> None:
    """Give a converted record (an estimate's invoice) the source's values of the fields both
    entities have with the same key and type (a choice only when the target offers its key)."""
    targets = {(f.key, f.field_type): f for f in entity_fields(target)}
    sources = [f for f in entity_fields(source) if (f.key, f.field_type) in targets]
    stored = record_values([source_id], source, sources).get(source_id, {})
    rows = []
    for field in sources:
        twin = targets[(field.key, field.field_type)]
        keys = {c.key for c in twin.choices}
        values = [
            v for v in stored.get(field.id, []) if field.field_type not in CHOICE_TYPES or v in keys
        ]
        rows += [value_row(twin, target, target_id, v) for v in values]
    db.session.add_all(rows)
    db.session.flush()


def save_contact_custom(contact: Contact, custom: tuple, user: User | None) -> None:
    """Write a contact's custom values; with `user` (an edit) a change is in the customer's
    Activity. The customer's search terms follow (a searchable field's words)."""
    from app.services.customers.activity import log_activity
    from app.services.customers.search import reindex_customer

    if not custom[0]:
        return
    changes = custom_changes("contact", contact.id, custom) if user is not None else {}
    write_custom("contact", contact.id, custom)
    if changes:
        log_activity(contact.customer, user, "contact.updated", changes=changes,
                     subject=contact.full_name)  # fmt: skip
    reindex_customer(contact.customer)


def _with_custom(entity: str, data: dict, run) -> tuple:
    """(run(), cleaned custom values); every error of both at once (FormErrors)."""
    errors = Collector()
    custom = clean_custom(entity, data, errors)
    try:
        result = run()
    except FormErrors as exc:
        for name, messages in errors.errors.items():
            exc.errors.setdefault(name, messages)
        raise
    errors.raise_if_any()
    return result, custom


def saved_with_custom(entity: str, data: dict, save):
    """Run `save()` (the record's own service, returning the record) with the entity's custom
    fields from the form's `data`: every error of both at once (FormErrors, so nothing is
    written), the values in the record's transaction."""
    record, custom = _with_custom(entity, data, save)
    write_custom(entity, record.id, custom)
    return record


def checked_with_custom(entity: str, data: dict, check) -> None:
    """`check()` (a service's rules alone, for a form the browser's values failed) and the
    custom fields' checks, every error at once (FormErrors); nothing written."""
    _with_custom(entity, data, check)
