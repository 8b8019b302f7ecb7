"""Custom field definitions: which fields an entity has, their labels in each language, and
their administration (Settings → Custom fields)."""

import re
from contextlib import contextmanager

from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.after_commit import run_after_commit
from app.extensions import db
from app.i18n import default_language, shipped_languages
from app.models import (
    CUSTOM_ENTITIES,
    FIELD_TYPES,
    Contact,
    CustomFieldChoice,
    CustomFieldDefinition,
    CustomFieldTerm,
    CustomFieldValue,
)
from app.services import Collector, ValidationError, control_characters, control_message
from app.text import fold

# The form sections a field may appear in, per entity (the contact form is one section).
SECTIONS = {
    "customer": ("details", "billing", "advanced"),
    **{entity: ("details",) for entity in ("contact", "invoice", "estimate", "proposal")},
    **{entity: ("details",) for entity in ("contract", "project", "ticket")},
}
CHOICE_TYPES = ("choice", "choices")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
LABEL_MAX = 100


def label_in(labels: dict, language: str) -> str:
    """The label in `language`, else in the system default language, else any."""
    return labels.get(language) or labels.get(default_language()) or next(iter(labels.values()), "")


# session.info key: {(entity, active_only): fields} kept while a long job reads the same fields
# row after row (an import); see `fields_kept`.
KEPT = "entity_fields_kept"


def entity_fields(entity: str, active_only: bool = True) -> list[CustomFieldDefinition]:
    """An entity's fields in their order, with their choices (two queries; none inside
    `fields_kept`)."""
    kept = db.session.info.get(KEPT)
    if kept is not None and (entity, active_only) in kept:
        return kept[(entity, active_only)]
    query = select(CustomFieldDefinition).where(CustomFieldDefinition.entity_type == entity)
    if active_only:
        query = query.where(CustomFieldDefinition.active)
    query = query.options(selectinload(CustomFieldDefinition.choices))
    order = (CustomFieldDefinition.position, CustomFieldDefinition.id)
    found = list(db.session.scalars(query.order_by(*order)))
    if kept is not None:
        kept[(entity, active_only)] = found
    return found


@contextmanager
def fields_kept():
    """Within it, each entity's fields are read once per session (a job checking thousands of
    records with the same definitions)."""
    db.session.info[KEPT] = {}
    try:
        yield
    finally:
        db.session.info.pop(KEPT, None)


def all_fields() -> list[CustomFieldDefinition]:
    """Every field of every entity (the settings page), entity by entity in their order."""
    query = select(CustomFieldDefinition).options(selectinload(CustomFieldDefinition.choices))
    order = (CustomFieldDefinition.entity_type, CustomFieldDefinition.position,
             CustomFieldDefinition.id)  # fmt: skip
    return list(db.session.scalars(query.order_by(*order)))


def value_count(field: CustomFieldDefinition) -> int:
    """How many records hold a value of this field (deleting it asks first when any)."""
    query = select(func.count(func.distinct(CustomFieldValue.record_id))).where(
        CustomFieldValue.field_id == field.id
    )
    return db.session.scalar(query) or 0


def slug(text: str) -> str:
    """A key made from a label: `Contract tier` → `contract_tier`."""
    words = re.findall(r"[a-z0-9]+", fold(text or ""))
    key = "_".join(words)[:40].strip("_")
    return key if key and key[0].isalpha() else f"f_{key}"[:40].strip("_")


def parse_choice_lines(text: str) -> list[tuple[str | None, str]]:
    """`key = Label` lines (or just `Label`): [(key or None, label)], blank lines skipped."""
    found = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        key, sep, label = line.partition("=")
        if sep and KEY.match(key.strip()):
            found.append((key.strip(), label.strip()))
        else:
            found.append((None, line))
    return found


def choice_lines(field: CustomFieldDefinition, language: str) -> str:
    """The choices as the form shows them: `key = label` in `language`, one a line."""
    return "\n".join(
        f"{c.key} = {c.labels[language]}" for c in field.choices if c.labels.get(language)
    )


def _clean_choices(data: dict, errors: Collector, existing: list[CustomFieldChoice]):
    """[(key, {language: label})] from the default language's lines and the translations'."""
    base = default_language()
    lines = parse_choice_lines(data.get(f"choices_{base}") or "")
    taken = {c.key for c in existing}
    result, seen = [], set()
    for key, label in lines:
        if not label:
            errors.add(f"choices_{base}", _("Give each choice a label after the “=”."))
            continue
        key = key or _free_key(slug(label), seen | taken)
        if key in seen:
            errors.add(f"choices_{base}", _("Each choice needs its own key: %(key)s is used twice.",
                                            key=key))  # fmt: skip
        seen.add(key)
        _check_label(errors, f"choices_{base}", label)
        result.append((key, {base: label}))
    if not result:
        errors.add(f"choices_{base}", _("Enter at least one choice, one a line."))
    keys = dict(result)
    for language in shipped_languages():
        if language == base:
            continue
        for key, label in parse_choice_lines(data.get(f"choices_{language}") or ""):
            if key not in keys:
                message = _("Write each line as “key = label” with a key from the choices above.")
                errors.add(f"choices_{language}", message)
            elif label:
                _check_label(errors, f"choices_{language}", label)
                keys[key][language] = label
    return result


def _check_label(errors: Collector, name: str, label: str) -> None:
    """A choice's label: at most LABEL_MAX characters, no control characters."""
    if len(label) > LABEL_MAX:
        errors.add(name, _("Use at most %(n)d characters.", n=LABEL_MAX))
    if control_characters({"": label}):
        errors.add(name, control_message())


def _free_key(key: str, taken: set) -> str:
    candidate, n = key, 2
    while candidate in taken:
        candidate = f"{key[:36]}_{n}"
        n += 1
    return candidate


def clean_definition(data: dict, field: CustomFieldDefinition | None) -> dict:
    """Check the field form's values; raise FormErrors listing every problem."""
    errors = Collector()
    base = default_language()
    labels = {}
    for language in shipped_languages():
        empty = _("Enter the label.") if language == base else ""
        text = errors.text(f"label_{language}", data.get(f"label_{language}"), LABEL_MAX, empty)
        if text:
            labels[language] = text
    entity = field.entity_type if field else data.get("entity_type")
    field_type = field.field_type if field else data.get("field_type")
    if entity not in CUSTOM_ENTITIES:
        errors.add("entity_type", _("Choose from the list."))
    if field_type not in FIELD_TYPES:
        errors.add("field_type", _("Choose from the list."))
    key = field.key if field else (data.get("key") or "").strip() or slug(labels.get(base, ""))
    if field is None and not KEY.match(key):
        errors.add("key", _("Use lower-case letters, digits and “_”, starting with a letter."))
    elif field is None and entity in CUSTOM_ENTITIES and _key_taken(entity, key):
        errors.add("key", _("Another field of this record already uses this key."))
    section = data.get("section") or "details"
    if entity in SECTIONS and section not in SECTIONS[entity]:
        section = SECTIONS[entity][0]  # a contact has one section
    choices = []
    if field_type in CHOICE_TYPES:
        choices = _clean_choices(data, errors, field.choices if field else [])
    errors.raise_if_any()
    flags = {name: bool(data.get(name)) for name in
             ("required", "in_lists", "searchable", "on_pdf", "in_portal", "active")}  # fmt: skip
    return dict(entity_type=entity, field_type=field_type, key=key, labels=labels,
                section=section, position=int(data.get("position") or 0), choices=choices,
                **flags)  # fmt: skip


def _key_taken(entity: str, key: str) -> bool:
    query = select(CustomFieldDefinition.id).where(
        CustomFieldDefinition.entity_type == entity, CustomFieldDefinition.key == key
    )
    return db.session.scalar(query) is not None


def save_definition(field: CustomFieldDefinition | None, data: dict) -> CustomFieldDefinition:
    """Add or change a field. Its entity, type and key never change (values and merge fields
    depend on them); a choice keeps its key when renamed, and a removed choice takes its
    values with it."""
    values = clean_definition(data, field)
    choices = values.pop("choices")
    reindex = values["searchable"] or (field is not None and field.searchable)
    if field is None:
        field = CustomFieldDefinition(**values)
        db.session.add(field)
    else:
        for name in ("labels", "required", "section", "in_lists", "searchable", "on_pdf",
                     "in_portal", "position", "active"):  # fmt: skip
            setattr(field, name, values[name])
    if field.field_type in CHOICE_TYPES:
        _apply_choices(field, choices)
    try:
        db.session.flush()
    except IntegrityError as exc:  # a colleague added the same key at the same moment
        db.session.rollback()
        raise ValidationError(_("Another field of this record already uses this key."),
                              "key") from exc  # fmt: skip
    if reindex:  # its values join or leave the customer search
        run_after_commit("reindex_custom_field", field.id)
    return field


def _apply_choices(field: CustomFieldDefinition, choices: list) -> None:
    old = {c.key: c for c in field.choices}
    kept = []
    for position, (key, labels) in enumerate(choices):
        choice = old.pop(key, None) or CustomFieldChoice(key=key)
        choice.labels, choice.position = labels, position
        kept.append(choice)
    if old and field.id is not None:
        db.session.execute(delete(CustomFieldValue).where(
            CustomFieldValue.field_id == field.id, CustomFieldValue.value_text.in_(list(old))
        ))  # fmt: skip
    field.choices = kept


def delete_definition(field: CustomFieldDefinition) -> None:
    """Delete a field and every value it holds (and its words from the customer search)."""
    if field.searchable:
        run_after_commit("reindex_customers", customers_holding(field.id))
    db.session.execute(delete(CustomFieldTerm).where(CustomFieldTerm.field_id == field.id))
    db.session.execute(delete(CustomFieldValue).where(CustomFieldValue.field_id == field.id))
    db.session.delete(field)
    db.session.flush()


def field_label(field: CustomFieldDefinition, language: str) -> str:
    return label_in(field.labels, language)


def choice_label(field: CustomFieldDefinition, key: str, language: str) -> str:
    for choice in field.choices:
        if choice.key == key:
            return label_in(choice.labels, language)
    return key


def customers_holding(field_id: int) -> list[int]:
    """The customers holding a value of the field, themselves or through a contact."""
    own = select(CustomFieldValue.record_id).where(
        CustomFieldValue.field_id == field_id, CustomFieldValue.entity_type == "customer"
    )
    through = (
        select(Contact.customer_id)
        .join(CustomFieldValue, CustomFieldValue.record_id == Contact.id)
        .where(CustomFieldValue.field_id == field_id, CustomFieldValue.entity_type == "contact")
    )
    return sorted(set(db.session.scalars(own)) | set(db.session.scalars(through)))
