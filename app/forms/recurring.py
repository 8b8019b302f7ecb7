"""The recurring invoice form: an invoice's lines, discount and texts, and a schedule."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, RadioField, SelectField
from wtforms.validators import Optional

from app.forms.choices import label_choices
from app.forms.fields import NumberField
from app.forms.sales import LinesForm
from app.labels.sales import RECURRING_END_LABELS, RECURRING_MODE_LABELS, RECURRING_UNIT_LABELS
from app.models import END_TYPES, INTERVAL_UNITS, RECURRING_MODES


class RecurringForm(LinesForm):
    customer_id = HiddenField()
    form_key = HiddenField()  # a new profile's: posted twice, it is saved once
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
    discount_value = NumberField(_l("Discount value"), default=0, validators=[Optional()])
