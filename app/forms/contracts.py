"""Forms of the contracts module: the contract, its types, signing, reminder days."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional

from app.forms.fields import NumberField, RichTextField
from app.forms.validators import max_length


class ContractForm(FlaskForm):
    customer_id = HiddenField()
    subject = StringField(_l("Subject"), validators=[DataRequired(), max_length(200)])
    type_id = SelectField(_l("Contract type"), default="", validate_choice=False)
    value = NumberField(_l("Contract value"), validators=[Optional()])
    currency_code = SelectField(_l("Currency"), validate_choice=False)
    start_date = DateField(_l("Start date"), validators=[DataRequired()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    content = RichTextField(
        _l("Content"),
        validators=[max_length(100_000)],  # the service's CONTENT_MAX, checked before sanitising
        render_kw={"rows": 14},
        description=_l(
            "HTML is allowed: paragraphs, headings, bold, italic, lists, links. "
            "Anything else is removed when you save."
        ),
    )

    def __init__(self, types, currencies, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type_id.choices = [SelectChoice("", "—")] + [
            SelectChoice(str(t.id), t.name) for t in types
        ]
        self.currency_code.choices = [
            SelectChoice(c.code, f"{c.code} — {c.symbol}") for c in currencies
        ]


class ContractTypeForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), max_length(100)])


class ReminderDaysForm(FlaskForm):
    contract_reminder_days = IntegerField(
        _l("Remind staff this many days before a contract ends"),
        validators=[InputRequired(), NumberRange(min=1, max=365)],
    )


class SignForm(FlaskForm):
    seen = HiddenField()  # the fingerprint of the contract as the page showed it
    name = StringField(
        _l("Your full name"),
        validators=[DataRequired(), max_length(200)],
        description=_l("Typing your name here signs the contract."),
        render_kw={"autocomplete": "name"},
    )
    agree = BooleanField(
        _l("I have read this contract and accept it."),
        validators=[DataRequired(message=_l("Tick the box to accept the contract."))],
    )
