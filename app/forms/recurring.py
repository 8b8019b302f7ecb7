"""The recurring invoice form: an invoice's lines, discount and texts, and a schedule."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from app.forms.choices import label_choices, language_choices
from app.forms.fields import NumberField
from app.forms.sales import ItemForm
from app.forms.validators import max_length
from app.i18n import number
from app.labels import RECURRING_END_LABELS, RECURRING_MODE_LABELS, RECURRING_UNIT_LABELS
from app.models import END_TYPES, INTERVAL_UNITS, RECURRING_MODES


class RecurringForm(FlaskForm):
    customer_id = HiddenField()
    form_key = HiddenField()  # a new profile's: posted twice, it is saved once
    currency_id = SelectField(_l("Currency"), default="")
    language = SelectField(_l("Language"), default="")
    interval_count = NumberField(_l("Every"), default=1)
    interval_unit = SelectField(
        _l("Unit"), default="month", choices=label_choices(RECURRING_UNIT_LABELS, INTERVAL_UNITS)
    )
    start_date = DateField(
        _l("Start date"), validators=[Optional()],
        description=_l("The schedule counts from this date; it may be in the past."),
    )  # fmt: skip
    first_date = DateField(
        _l("First invoice date"), validators=[Optional()],
        description=_l("Optional. Empty: the first date of the schedule from today on, so no "
                       "back-dated invoice is made. An earlier date makes those since then."),
    )  # fmt: skip
    end_type = RadioField(_l("Ends"), default="never",
                          choices=label_choices(RECURRING_END_LABELS, END_TYPES))  # fmt: skip
    until_date = DateField(_l("Last invoice date"), validators=[Optional()])
    max_count = NumberField(_l("Number of invoices"), validators=[Optional()])
    mode = RadioField(_l("Each invoice"), default="draft",
                      choices=label_choices(RECURRING_MODE_LABELS, RECURRING_MODES))  # fmt: skip
    items = FieldList(FormField(ItemForm), min_entries=1, max_entries=201)
    discount_type = SelectField(_l("Discount"), default="none", choices=[
        SelectChoice("none", _l("No discount")), SelectChoice("percent", _l("Percent")),
        SelectChoice("fixed", _l("Fixed amount"))])  # fmt: skip
    discount_value = NumberField(_l("Discount value"), default=0, validators=[Optional()])
    discount_before_tax = BooleanField(_l("Discount before tax"), default=True)
    notes = TextAreaField(_l("Notes"), validators=[max_length(5000)], render_kw={"rows": 3})
    terms = TextAreaField(_l("Terms"), validators=[max_length(5000)], render_kw={"rows": 3})

    def set_choices(self, currencies, taxes) -> None:
        self.currency_id.choices = [SelectChoice(str(c.id), f"{c.code} — {c.symbol}")
                                    for c in currencies]  # fmt: skip
        self.language.choices = [c for c in language_choices() if c.value]
        tax_choices = [SelectChoice(t.id, f"{t.name} {number(t.percent)} %") for t in taxes]
        for entry in self.items:
            entry.form.taxes.choices = tax_choices
