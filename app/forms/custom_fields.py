"""Custom fields in forms: the fields a record's form gains, and the field definition form."""

from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms.fields import NumberField
from app.forms.validators import max_length
from app.labels.activity import FIELD_LABELS
from app.labels.options import CUSTOM_ENTITY_LABELS, CUSTOM_FIELD_TYPE_LABELS, CUSTOM_SECTION_LABELS


def _options(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(key, text) for key, text in labels.items()]


def _record_field(field, label: str, choice_label):
    """The WTForms field of one custom field (`choice_label(field, key)` names its choices)."""
    kind, render_kw = field.field_type, {"required": True} if field.required else {}
    options = [SelectChoice(c.key, choice_label(field, c.key)) for c in field.choices]
    if kind == "long_text":
        return TextAreaField(label, render_kw={"rows": 3, **render_kw})
    if kind == "number":
        return NumberField(label, validators=[Optional()], render_kw=render_kw)
    if kind == "date":
        return DateField(label, validators=[Optional()], render_kw=render_kw)
    if kind == "yes_no":
        yes_no = [SelectChoice("", "—"), SelectChoice("yes", pgettext("answer", "Yes")),
                  SelectChoice("no", pgettext("answer", "No"))]  # fmt: skip
        return SelectField(label, choices=yes_no, default="", validate_choice=False)
    if kind == "choice":
        return SelectField(label, choices=[SelectChoice("", "—"), *options], default="",
                           validate_choice=False)  # fmt: skip
    if kind == "choices":
        return SelectMultipleField(
            label, choices=options, widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(), validate_choice=False,
        )  # fmt: skip
    if kind == "link":
        return StringField(label, render_kw={"inputmode": "url", **render_kw})
    return StringField(label, render_kw=render_kw)


def with_custom_fields(form_class, fields: list, label, choice_label, name):
    """`form_class` with one more field per custom field (`label(field)` its label,
    `name(field)` its form name); the service checks their values (length, required, choices)."""
    extra = {name(f): _record_field(f, label(f), choice_label) for f in fields}
    return type(form_class.__name__, (form_class,), extra) if extra else form_class


def definition_form(languages: list[tuple[str, str]], base: str, new: bool):
    """The field definition form: a label and choices per shipped language (`languages`:
    [(code, name)], `base` the default one), entity and type only when adding."""
    extra = {}
    for code, language_name in languages:
        extra[f"label_{code}"] = StringField(
            _l("Label (%(language)s)", language=language_name), validators=[max_length(100)],
            render_kw={"lang": code.replace("_", "-")},
        )  # fmt: skip
        extra[f"choices_{code}"] = TextAreaField(
            _l("Choices (%(language)s)", language=language_name),
            render_kw={"rows": 4, "lang": code.replace("_", "-")},
            description=(_l("One choice a line. A key before “=” stays when you rename the "
                            "choice: “gold = Gold”.") if code == base
                         else _l("Optional: “key = label” lines; a choice left out shows its "
                                 "label in the default language.")),
        )  # fmt: skip
    if new:
        extra["entity_type"] = SelectField(
            _l("Record"), choices=_options(CUSTOM_ENTITY_LABELS), default="customer"
        )
        extra["field_type"] = SelectField(
            _l("Type"), choices=_options(CUSTOM_FIELD_TYPE_LABELS), default="text"
        )
        extra["key"] = StringField(
            _l("Key"), validators=[max_length(40)],
            description=_l("Names the field in email merge fields and exports; it never "
                           "changes. Left empty, it is made from the label."),
        )  # fmt: skip
    return type("CustomFieldForm", (DefinitionFlags,), extra)


class DefinitionFlags(FlaskForm):
    section = SelectField(
        _l("Form section"), choices=_options(CUSTOM_SECTION_LABELS), default="details",
        description=_l("Contacts and sales documents have one section."),
    )  # fmt: skip
    required = BooleanField(_l("Required"))
    in_lists = BooleanField(_l("Column and filter in the list"))
    searchable = BooleanField(_l("Found by the list's search"))
    on_pdf = BooleanField(_l("Show on PDFs"))
    in_portal = BooleanField(_l("Show in the client portal"))
    position = IntegerField(_l("Order"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=9999)])  # fmt: skip
    active = BooleanField(FIELD_LABELS["active"], default=True)
