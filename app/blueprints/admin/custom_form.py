"""A record's form with its custom fields: the form class the views build, and what a custom
field shows on the record's page."""

from app.forms.custom_fields import with_custom_fields
from app.services.custom_fields.definitions import choice_label, entity_fields, field_label
from app.services.custom_fields.values import form_data, form_name, record_values
from app.services.languages import screen


def custom_form(form_class, entity: str, flag: str | None = None):
    """`form_class` with the entity's active custom fields (those with `flag` on, such as
    "in_portal" for a contact's form), labelled in the reader's language; `custom_names` lists
    their form names per section of the form."""
    fields, language = entity_fields(entity), screen()
    fields = [f for f in fields if flag is None or getattr(f, flag)]
    cls = with_custom_fields(
        form_class, fields, lambda f: field_label(f, language),
        lambda f, key: choice_label(f, key, language), form_name,
    )  # fmt: skip
    names: dict[str, list[str]] = {}
    for field in fields:
        names.setdefault(field.section, []).append(form_name(field))
    return type(cls.__name__, (cls,), {"custom_names": names, "custom_fields": fields})


def fill_custom(form, entity: str, record_id: int) -> None:
    """Show the record's stored values in the form (a GET)."""
    values = record_values([record_id], entity, form.custom_fields).get(record_id, {})
    for field in form.custom_fields:
        form[form_name(field)].data = form_data(field, values.get(field.id, []))
