"""The customer list's custom columns and filters: each filter one indexed semi-join on the
values table (field id + the type's value column), never a query per row."""

from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal

from sqlalchemy import false, select

from app.models import CustomFieldDefinition, CustomFieldValue
from app.numbers import NumberError, parse_number
from app.process_cache import remembered
from app.services.custom_fields.terms import TEXT_TYPES, among, text_selects
from app.services.custom_fields.values import form_name
from app.services.lists import day

RANGE_TYPES = ("number", "date")


@dataclass(frozen=True, eq=False)
class ListedChoice:
    """A choice of a list's field, read once per process (see `list_fields`)."""

    id: int
    key: str
    labels: dict
    position: int


@dataclass(frozen=True, eq=False)
class ListedField:
    """A list's custom field as its filters, columns and labels read it: the definition's
    columns and choices, no ORM object (kept per process, shared by requests)."""

    id: int
    entity_type: str
    key: str
    labels: dict
    field_type: str
    required: bool
    section: str
    in_lists: bool
    searchable: bool
    on_pdf: bool
    in_portal: bool
    position: int
    active: bool
    choices: tuple[ListedChoice, ...]


def _listed(entity: str) -> tuple[ListedField, ...]:
    from app.services.custom_fields.definitions import entity_fields

    names = [f.name for f in dataclass_fields(ListedField) if f.name != "choices"]
    return tuple(
        ListedField(
            **{name: getattr(f, name) for name in names},
            choices=tuple(ListedChoice(c.id, c.key, c.labels, c.position) for c in f.choices),
        )  # fmt: skip
        for f in entity_fields(entity)
        if f.in_lists
    )


def list_fields(entity: str = "customer") -> list[ListedField]:
    """The active fields an entity's list offers as columns and filters, in their order (kept
    by this process while no definition or choice changes)."""
    return list(remembered(("list_fields", entity), lambda: _listed(entity)))


@dataclass
class CustomFilter:
    """One field's filter as the URL gives it: text contains, equals a choice, yes/no, or a
    range (`low`/`high`, read in the reader's language, either may be open)."""

    field: CustomFieldDefinition
    text: str = ""
    low: Decimal | date | None = None
    high: Decimal | date | None = None
    raw: dict = field(default_factory=dict)  # what was typed, to show it again

    def selects(self, entity: str = "customer") -> list | None:
        """The selects of the records whose value matches (all must hold; None: none can)."""
        kind, values = self.field.field_type, CustomFieldValue
        where = [values.field_id == self.field.id, values.entity_type == entity]
        if kind in TEXT_TYPES:  # a word starting with each word typed, from its terms
            return text_selects(self.field.id, self.text)
        if kind in ("choice", "choices"):
            where.append(values.value_text == self.text)
        elif kind == "yes_no":
            where.append(values.value_bool.is_(self.text == "yes"))
        else:
            column = values.value_number if kind == "number" else values.value_date
            if self.low is not None:
                where.append(column >= self.low)
            if self.high is not None:
                where.append(column <= self.high)
        return [select(values.record_id).where(*where)]


def custom_condition(filters: list[CustomFilter], id_column, entity: str = "customer"):
    """`id_column` is a record matching every custom filter: one condition, whatever their
    number (their records intersected, read first)."""
    selects = [filter_.selects(entity) for filter_ in filters]
    if any(s is None for s in selects):
        return false()
    return among(id_column, [s for found in selects for s in found])


def _number(text: str, locale: str) -> Decimal | None:
    try:
        return parse_number(text, locale) if text.strip() else None
    except NumberError:
        return None


def read_filters(fields: list[CustomFieldDefinition], args, locale: str) -> list[CustomFilter]:
    """The custom filters in the URL (?cf_<key>=, ?cf_<key>_min= / _max=); anything unknown or
    unreadable is ignored, as the list's other filters are."""
    found = []
    for f in fields:
        name = form_name(f)
        if f.field_type in RANGE_TYPES:
            low_text, high_text = args.get(f"{name}_min", ""), args.get(f"{name}_max", "")
            read = (lambda t: _number(t, locale)) if f.field_type == "number" else day
            low, high = read(low_text), read(high_text)
            if low is not None or high is not None:
                raw = {f"{name}_min": low_text if low is not None else "",
                       f"{name}_max": high_text if high is not None else ""}  # fmt: skip
                found.append(CustomFilter(f, low=low, high=high, raw=raw))
            continue
        text = (args.get(name) or "").strip()[:200]
        keys = {c.key for c in f.choices}
        valid = {"yes_no": text in ("yes", "no"), "choice": text in keys, "choices": text in keys}
        if text and valid.get(f.field_type, True):
            found.append(CustomFilter(f, text=text, raw={name: text}))
    return found


def shown_columns(fields: list[CustomFieldDefinition], args) -> list[CustomFieldDefinition]:
    """The custom columns the person chose to show (?col=<key>, repeated)."""
    chosen = set(args.getlist("col")) if hasattr(args, "getlist") else set()
    return [f for f in fields if f.key in chosen]


def column_values(
    record_ids: list[int], columns: list[CustomFieldDefinition], entity: str = "customer"
) -> dict:
    """{record id: {field id: shown text}} of the listed rows: one query."""
    from app.services.custom_fields.values import display, record_values

    stored = record_values(record_ids, entity, columns)
    return {
        record_id: {f.id: display(f, values.get(f.id, [])) for f in columns}
        for record_id, values in stored.items()
    }


def list_labels(fields: list[CustomFieldDefinition]) -> list[tuple]:
    """[(field, label, [(choice key, label)])] in the reader's language, for the list's page."""
    from app.services.custom_fields.definitions import choice_label, field_label
    from app.services.languages import screen

    language = screen()
    return [
        (
            f,
            field_label(f, language),
            [(c.key, choice_label(f, c.key, language)) for c in f.choices],
        )
        for f in fields
    ]


def list_context(fields: list[CustomFieldDefinition], filters, record_ids: list[int],
                 entity: str) -> dict:  # fmt: skip
    """What a list's page needs for its custom filters and columns (`filters.columns`): the
    fields' labels and the shown rows' values (one query)."""
    return {"custom_fields": list_labels(fields),
            "custom_values": column_values(record_ids, filters.columns, entity)}  # fmt: skip
