"""The estimate/invoice form (lines as a list of sub-forms), payments, refunds, applying a credit
note, tax rates."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional

from app.forms.choices import country_choices, label_choices, language_choices
from app.forms.fields import NumberField, RichTextField
from app.forms.validators import max_length
from app.i18n import number
from app.labels.sales import PAYMENT_MODE_LABELS
from app.services.sales.actions import PAYMENT_MODES


class ItemForm(Form):
    description = StringField(_l("Item"), validators=[DataRequired(), max_length(300)])
    long_description = TextAreaField(_l("Description"), validators=[max_length(2000)],
                                     render_kw={"rows": 1})  # fmt: skip
    quantity = NumberField(
        _l("Quantity"), default=1, validators=[InputRequired(), NumberRange(min=0)]
    )
    unit = StringField(_l("Unit"), validators=[max_length(20)])
    rate = NumberField(_l("Rate"), validators=[InputRequired()])
    taxes = SelectMultipleField(_l("Taxes"), coerce=int, render_kw={"size": 2})


def _address():
    return (StringField(_l("Street"), validators=[max_length(500)]),
            StringField(_l("City"), validators=[max_length(100)]),
            StringField(_l("State / region"), validators=[max_length(100)]),
            StringField(_l("Postal code"), validators=[max_length(20)]),
            SelectField(_l("Country"), default=""))  # fmt: skip


class LinesForm(FlaskForm):
    """What an estimate's or invoice's form shares with a recurring invoice's: currency, language,
    lines, discount and texts (each adds its own discount value)."""

    currency_id = SelectField(_l("Currency"), default="")
    language = SelectField(_l("Language"), default="")
    # One more than allowed, so that too many lines are refused rather than cut off.
    items = FieldList(FormField(ItemForm), min_entries=1, max_entries=201)
    discount_type = SelectField(_l("Discount"), default="none", choices=[
        SelectChoice("none", _l("No discount")), SelectChoice("percent", _l("Percent")),
        SelectChoice("fixed", _l("Fixed amount"))])  # fmt: skip
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


class DocumentForm(LinesForm):
    customer_id = HiddenField()
    issue_date = DateField(_l("Date"), validators=[DataRequired()])
    due_date = DateField(_l("Due date"), validators=[Optional()])
    # The language whose default notes and terms the form holds (they follow a language change).
    texts_language = HiddenField()
    billing_street, billing_city, billing_state, billing_zip, billing_country = _address()
    include_shipping = BooleanField(_l("Include shipping details"))
    shipping_street, shipping_city, shipping_state, shipping_zip, shipping_country = _address()
    discount_value = NumberField(_l("Discount value"), default=0,
                                  validators=[Optional(), NumberRange(min=0)])  # fmt: skip
    body = RichTextField(
        _l("Proposal text"),
        validators=[max_length(50000)],
        render_kw={"rows": 10},
        description=_l(
            "Shown above the lines. Paragraphs, bold, italic, lists and links are kept."
        ),
    )

    def set_choices(self, currencies, taxes) -> None:
        countries = country_choices()
        for name in ("billing_country", "shipping_country"):
            self[name].choices = countries
        super().set_choices(currencies, taxes)


class PaymentForm(FlaskForm):
    amount = NumberField(_l("Amount"), validators=[InputRequired()])
    paid_on = DateField(_l("Payment date"), validators=[DataRequired()])
    mode = SelectField(
        _l("Payment mode"), choices=label_choices(PAYMENT_MODE_LABELS, PAYMENT_MODES)
    )
    note = StringField(_l("Note"), validators=[max_length(500)])
    send_receipt = BooleanField(_l("Email a receipt to the primary contact"), default=True)


class TaxRateForm(FlaskForm):
    name = StringField(_l("Tax name"), validators=[DataRequired(), max_length(50)])
    percent = NumberField(_l("Percent"), validators=[InputRequired(), NumberRange(min=0, max=100)])


class SendForm(FlaskForm):
    contacts = SelectMultipleField(_l("Send to"), coerce=int)


class RefundForm(FlaskForm):
    """Money paid back from a credit note (a Payment row on it)."""

    amount = NumberField(_l("Amount"), validators=[InputRequired()])
    paid_on = DateField(_l("Refund date"), validators=[DataRequired()])
    mode = SelectField(
        _l("Payment mode"), choices=label_choices(PAYMENT_MODE_LABELS, PAYMENT_MODES)
    )
    note = StringField(_l("Note"), validators=[max_length(500)])


def apply_credit_form(fields: dict[str, str], formdata=None, data: dict | None = None):
    """The credit note's apply form: one optional amount per invoice (`fields`: field name ->
    its label), read in the user's language."""

    class ApplyCreditForm(FlaskForm):
        pass

    for name, label in fields.items():
        setattr(ApplyCreditForm, name, NumberField(label, validators=[Optional()]))
    if formdata is None:
        return ApplyCreditForm(formdata=None, data=data or {})
    return ApplyCreditForm(formdata=formdata)
