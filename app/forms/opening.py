"""The form of a customer's opening balance (app/services/sales/opening.py)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import DataRequired, Optional

from app.forms.fields import NumberField
from app.forms.validators import max_length
from app.services.sales.opening import REFERENCE_MAX


class OpeningBalanceForm(FlaskForm):
    currency = SelectField(_l("Currency"), validate_choice=False)
    amount = NumberField(_l("Amount owed"), validators=[Optional()])
    as_of = DateField(_l("Owed on"), validators=[DataRequired()])
    due_date = DateField(_l("Due date"), validators=[Optional()],
                         description=_l("Leave empty: due on the day it was owed."))  # fmt: skip
    reference = StringField(_l("Reference in the old system"),
                            validators=[max_length(REFERENCE_MAX)])  # fmt: skip

    def __init__(self, currencies: list[str], *args, **kwargs):
        """`currencies`: the codes to choose from (the view reads them)."""
        super().__init__(*args, **kwargs)
        self.currency.choices = [(code, code) for code in currencies]
