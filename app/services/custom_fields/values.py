"""Custom field values of a record: checked, written in the record's transaction, read in one
query for a page of records, shown and merged into emails."""

from datetime import date
from decimal import Decimal

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import and_, delete, or_, select

from app.extensions import db
from app.models import (
    Contact,
    Contract,
    Customer,
    CustomFieldDefinition,
    CustomFieldValue,
    Document,
    Project,
    Ticket,
)
from app.numbers import format_number
from app.services import Collector, ValidationError
from app.services.custom_fields.definitions import CHOICE_TYPES, choice_label, field_label
from app.services.customers.normalize import normalize_website

TEXT_MAX = {"text": 200, "long_text": 600, "link": 255}  # btree-indexable on both databases
NUMBER_LIMIT = Decimal("1e17")
RECORDS = {"customer": Customer, "contact": Contact,
           **{kind: Document for kind in ("invoice", "estimate", "proposal")},
           "contract": Contract, "project": Project, "ticket": Ticket}  # fmt: skip


def form_name(field: CustomFieldDefinition) -> str:
    """The field's name in a form (beside the built-in ones, never clashing)."""
    return f"cf_{field.key}"


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def clean_values(fields: list[CustomFieldDefinition], data: dict, errors: Collector) -> dict:
    """{field id: [typed value, …]} from the form's data (as WTForms read it: a Decimal, a date,
    a list of keys); problems go to `errors` beside each field."""
    cleaned = {}
    for field in fields:
        name = form_name(field)
        value = data.get(name)
        if isinstance(value, str):
            value = value.strip()
        if _empty(value):
            if field.required:
                errors.add(name, _("Fill in this field."))
            cleaned[field.id] = []
            continue
        try:
            cleaned[field.id] = _typed(field, value, errors, name)
        except ValidationError as exc:
            errors.add(name, exc.message)
    return cleaned


def _typed(field: CustomFieldDefinition, value, errors: Collector, name: str) -> list:
    kind = field.field_type
    if kind in TEXT_MAX:
        text = errors.text(name, value, TEXT_MAX[kind], multiline=kind == "long_text")
        return [normalize_website(text)] if kind == "link" else [text]
    if kind == "number":
        if not isinstance(value, Decimal) or not value.is_finite() or abs(value) >= NUMBER_LIMIT:
            raise ValidationError(_("Enter a number."))
        return [value.quantize(Decimal("0.000001"))]
    if kind == "date":
        if not isinstance(value, date):
            raise ValidationError(_("Enter a date."))
        return [value] if errors.day(name, value) else []
    if kind == "yes_no":
        if value not in ("yes", "no"):
            raise ValidationError(_("Choose from the list."))
        return [value == "yes"]
    keys = {c.key for c in field.choices}
    chosen = value if isinstance(value, list) else [value]
    if kind == "choice" and len(chosen) > 1 or any(k not in keys for k in chosen):
        raise ValidationError(_("Choose from the list."))
    return sorted(set(chosen))


VALUE_COLUMNS = {"number": "value_number", "date": "value_date", "yes_no": "value_bool"}


def value_row(field: CustomFieldDefinition, entity: str, record_id: int, value) -> CustomFieldValue:
    row = CustomFieldValue(entity_type=entity, record_id=record_id, field_id=field.id)
    setattr(row, VALUE_COLUMNS.get(field.field_type, "value_text"), value)
    return row


def value_dict(field: CustomFieldDefinition, entity: str, record_id: int, value) -> dict:
    """The same row as `value_row`, as the columns of a batched insert."""
    row = {"entity_type": entity, "record_id": record_id, "field_id": field.id}
    row |= dict.fromkeys(("value_text", *VALUE_COLUMNS.values()))
    row[VALUE_COLUMNS.get(field.field_type, "value_text")] = value
    return row


def changed_values(
    entity: str, record_id: int, fields: list[CustomFieldDefinition], cleaned: dict
) -> dict[int, tuple[list, list]]:
    """{field id: (stored values, new values)} of the fields whose values change."""
    old = record_values([record_id], entity, fields).get(record_id, {})
    return value_changes(old, fields, cleaned)


def value_changes(
    old: dict[int, list], fields: list[CustomFieldDefinition], cleaned: dict
) -> dict[int, tuple[list, list]]:
    """{field id: (old values, new values)} of the fields whose values differ from `old`."""
    changed = {}
    for field in fields:
        new, before = cleaned.get(field.id, []), old.get(field.id, [])
        if sorted(map(str, before)) != sorted(map(str, new)):
            changed[field.id] = (before, new)
    return changed


def write_values(
    entity: str, record_id: int, fields: list[CustomFieldDefinition], cleaned: dict
) -> None:
    """Write the record's values of `fields`. Its row is locked first (FOR UPDATE; SQLite has
    one writer anyway), so two saves at once follow each other and never double a value."""
    model = RECORDS[entity]
    db.session.execute(select(model.id).where(model.id == record_id).with_for_update())
    changed = changed_values(entity, record_id, fields, cleaned)
    if not changed:
        return
    db.session.execute(delete(CustomFieldValue).where(
        CustomFieldValue.entity_type == entity, CustomFieldValue.record_id == record_id,
        CustomFieldValue.field_id.in_(list(changed)),
    ))  # fmt: skip
    by_id = {f.id: f for f in fields}
    db.session.add_all(value_row(by_id[field_id], entity, record_id, value)
                       for field_id, (_old, new) in changed.items() for value in new)  # fmt: skip
    db.session.flush()
    from app.services.custom_fields.terms import TEXT_TYPES, index_record

    for field_id in changed:
        if by_id[field_id].field_type in TEXT_TYPES:
            index_record(field_id, record_id)


def record_values(
    record_ids: list[int], entity: str, fields: list[CustomFieldDefinition]
) -> dict[int, dict[int, list]]:
    """{record id: {field id: [value, …]}} for these records, in one query."""
    if not record_ids or not fields:
        return {}
    by_id = {f.id: f for f in fields}
    rows = db.session.scalars(
        select(CustomFieldValue)
        .where(
            CustomFieldValue.entity_type == entity,
            CustomFieldValue.record_id.in_(record_ids),
            CustomFieldValue.field_id.in_(list(by_id)),
        )
        .order_by(CustomFieldValue.id)
    )
    found: dict[int, dict[int, list]] = {}
    for row in rows:
        field = by_id[row.field_id]
        found.setdefault(row.record_id, {}).setdefault(row.field_id, []).append(_read(field, row))
    return found


def _read(field: CustomFieldDefinition, row: CustomFieldValue):
    if field.field_type == "number":
        return row.value_number
    if field.field_type == "date":
        return row.value_date
    if field.field_type == "yes_no":
        return row.value_bool
    return row.value_text


def form_data(field: CustomFieldDefinition, values: list):
    """What the form field shows for stored values."""
    if field.field_type == "choices":
        return list(values)
    if not values:
        return None
    if field.field_type == "yes_no":
        return "yes" if values[0] else "no"
    return values[0]


def display(field: CustomFieldDefinition, values: list, language: str | None = None) -> str:
    """Stored values as a reader sees them, in `language` (the screen's by default)."""
    from app.services.languages import screen

    language = language or screen()
    if not values:
        return ""
    kind = field.field_type
    if kind in CHOICE_TYPES:
        labels = [choice_label(field, key, language) for key in values]
        order = {c.key: c.position for c in field.choices}
        pairs = sorted(zip(values, labels, strict=True), key=lambda p: order.get(p[0], 0))
        return ", ".join(label for _key, label in pairs)
    value = values[0]
    if kind == "number":
        return format_number(value.normalize(), language)
    if kind == "date":
        return format_date(value, "medium")
    if kind == "yes_no":
        return _("Yes") if value else _("No")
    return str(value)


def custom_mapping(entity: str, record_id: int, language: str) -> dict[str, str]:
    """{key: shown value} of every active field of the record (merge fields)."""
    from app.services.custom_fields.definitions import entity_fields

    fields = entity_fields(entity)
    values = record_values([record_id], entity, fields).get(record_id, {})
    with force_locale(language):
        return {f.key: display(f, values.get(f.id, []), language) for f in fields}


def delete_record_values(entity: str, record_ids: list[int]) -> None:
    """Remove the values of deleted records (they have no foreign key to cascade)."""
    if record_ids:
        db.session.execute(delete(CustomFieldValue).where(
            CustomFieldValue.entity_type == entity, CustomFieldValue.record_id.in_(record_ids)
        ))  # fmt: skip
        from app.services.custom_fields.terms import delete_record_terms

        delete_record_terms(entity, record_ids)


def labelled(fields: list[CustomFieldDefinition], language: str) -> list[tuple]:
    """[(field, its label)] in `language`."""
    return [(f, field_label(f, language)) for f in fields]


SEARCHABLE_TYPES = ("text", "long_text", "link", "choice", "choices")


def searchable_texts(customer_id: int, contact_ids: list[int]) -> list[str]:
    """The texts of a customer's and its contacts' searchable fields (a choice by its labels in
    every language), for the customer's search terms: one query."""
    owners = CustomFieldValue.entity_type == "customer", CustomFieldValue.record_id == customer_id
    owner = and_(*owners)
    if contact_ids:
        owner = or_(owner, and_(CustomFieldValue.entity_type == "contact",
                                CustomFieldValue.record_id.in_(contact_ids)))  # fmt: skip
    rows = db.session.execute(
        select(CustomFieldValue.value_text, CustomFieldDefinition)
        .join(CustomFieldDefinition, CustomFieldDefinition.id == CustomFieldValue.field_id)
        .where(owner, CustomFieldDefinition.searchable, CustomFieldDefinition.active,
               CustomFieldDefinition.field_type.in_(SEARCHABLE_TYPES),
               CustomFieldValue.value_text.is_not(None))
    ).all()  # fmt: skip
    texts = []
    for text, field in rows:
        if field.field_type in CHOICE_TYPES:
            choice = next((c for c in field.choices if c.key == text), None)
            texts += list(choice.labels.values()) if choice else []
        else:
            texts.append(text)
    return texts


def export_cell(field: CustomFieldDefinition, values: list):
    """A spreadsheet cell: a number or a date typed as such, choices' labels joined by "; "."""
    if not values:
        return ""
    if field.field_type in ("number", "date"):
        return values[0].normalize() if field.field_type == "number" else values[0]
    return (
        display(field, values).replace(", ", "; ")
        if field.field_type == "choices"
        else (display(field, values))
    )


def shown_values(entity: str, record_id: int, language: str, flag: str | None) -> list[tuple]:
    """[(label, value)] of the record's active fields holding a value, in `language`: all of
    them, or those with `flag` ("on_pdf", "in_portal") on."""
    from app.services.custom_fields.definitions import entity_fields

    fields = [f for f in entity_fields(entity) if flag is None or getattr(f, flag)]
    values = record_values([record_id], entity, fields).get(record_id, {})
    with force_locale(language):
        return [(field_label(f, language), display(f, values[f.id], language))
                for f in fields if values.get(f.id)]  # fmt: skip


def portal_values(contact: Contact, language: str) -> list[tuple[str, str]]:
    """[(label, value)] of the fields marked *Show in the client portal* that the contact's
    customer and the contact hold, for the contact's Profile (read-only), in their order."""
    return shown_values("customer", contact.customer_id, language, "in_portal") + shown_values(
        "contact", contact.id, language, "in_portal"
    )
