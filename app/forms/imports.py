"""The customer import's forms: the file, then how its columns map and the defaults."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms.choices import currency_choices, language_choices
from app.labels.options import MODULE_LABELS
from app.models.contact import PORTAL_MODULES
from app.services.imports.cells import DATE_FORMATS, NUMBER_LOCALES


class ImportUploadForm(FlaskForm):
    file = FileField(_l("File"))

    def __init__(self, limit: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.file.description = _l(
            "A CSV or Excel (XLSX) file of up to %(size)s, its first row holding the column "
            "titles. Our own customer export can be imported as it is.",
            size=limit,
        )


def _checkboxes(label, **kwargs):
    return SelectMultipleField(label, widget=ListWidget(prefix_label=False),
                               option_widget=CheckboxInput(), **kwargs)  # fmt: skip


class ImportMappingForm(FlaskForm):
    """The options; the columns' selects (`column_<n>`) are added per file by `mapping_form`."""

    key = RadioField(
        _l("Find existing customers by"),
        choices=[
            SelectChoice("vat_number", _l("VAT number")),
            SelectChoice("contact_email", _l("Contact email")),
            SelectChoice("external_id", _l("External ID")),
        ],  # fmt: skip
        default="vat_number",
        description=_l(
            "A row whose key matches a customer updates it (an empty cell keeps its "
            "value); any other row creates a customer."
        ),  # fmt: skip
    )
    currency = SelectField(_l("Currency of new customers"), default="")
    language = SelectField(_l("Language of new customers"), default="")
    groups = _checkboxes(_l("Groups of new customers"), coerce=int)
    permissions = _checkboxes(_l("Client portal permissions of new contacts"))
    date_format = SelectField(_l("Dates are written"))
    number_locale = SelectField(_l("Numbers are written"))
    welcome_email = BooleanField(_l("Send new contacts the welcome email"))

    def __init__(self, groups, currencies, *args, **kwargs):
        """`groups` and `currencies` come from the view."""
        super().__init__(*args, **kwargs)
        self.permissions.choices = [SelectChoice(m, MODULE_LABELS[m]) for m in PORTAL_MODULES]
        self.groups.choices = [SelectChoice(g.id, g.name) for g in groups]
        self.currency.choices = currency_choices(currencies)
        self.language.choices = language_choices()
        self.date_format.choices = [SelectChoice(k, label) for k, (_o, _s, label)
                                    in DATE_FORMATS.items()]  # fmt: skip
        self.number_locale.choices = [SelectChoice(k, v) for k, v in NUMBER_LOCALES.items()]


def mapping_form(headers: list[str], samples: list[list[str]], targets: list[tuple[str, str]]):
    """The mapping form of one file: a select per column (its header as label, its first
    values as description) offering every target and "Do not import"."""
    choices = [SelectChoice("", _l("Do not import")), *(SelectChoice(k, v) for k, v in targets)]
    fields = {}
    for n, header in enumerate(headers):
        fields[f"column_{n}"] = SelectField(header or f"#{n + 1}", choices=choices, default="",
                                            description=" · ".join(samples[n]))  # fmt: skip
    return type("FileMappingForm", (ImportMappingForm,), fields)
