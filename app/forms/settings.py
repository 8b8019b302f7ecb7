"""Forms of the settings area."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, NumberRange, Optional

from app.forms.choices import (
    country_choices,
    country_currency_choices,
    iso_currency_choices,
    time_zone_choices,
)
from app.forms.fields import NumberField
from app.forms.validators import max_length
from app.i18n import language_names
from app.services.sales.reminder_schedule import whole_days_message


class CompanyForm(FlaskForm):
    company_name = StringField(_l("Company name"), validators=[DataRequired(), max_length(200)])
    company_address = TextAreaField(
        _l("Address"), validators=[max_length(500)], render_kw={"rows": 3}
    )
    company_vat = StringField(_l("VAT number"), validators=[max_length(32)])
    company_phone = StringField(_l("Phone"), validators=[max_length(32)])
    company_email = EmailField(_l("Email"), validators=[Optional(), Email(), max_length(254)])
    logo = FileField(
        _l("Logo"), description=_l("PNG or JPEG, at most 1 MB. Shown on PDFs and emails.")
    )
    remove_logo = BooleanField(_l("Remove the logo"))
    company_country = SelectField(_l("Country"), default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.company_country.choices = country_choices()


YES_NO = [SelectChoice("no", _l("No")), SelectChoice("yes", _l("Yes"))]


class LocalizationForm(FlaskForm):
    default_language = SelectField(_l("System default language"))
    date_format = SelectField(
        _l("Date format"),
        choices=[
            SelectChoice("medium", _l("Medium (27 Nov 2026)")),
            SelectChoice("short", _l("Short (27/11/2026)")),
            SelectChoice("long", _l("Long (27 November 2026)")),
            SelectChoice("iso", _l("ISO (2026-11-27)")),
        ],
    )
    timezone = SelectField(_l("Time zone"))
    pdf_in_client_language = RadioField(
        _l("Output client PDF documents from the admin area in the client's language"),
        choices=YES_NO,
        description=_l(
            "No: PDFs that staff generate use the system default language. Yes: "
            "they use the language each document was saved in."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_language.choices = [SelectChoice(c, n) for c, n in language_names()]
        self.timezone.choices = time_zone_choices(keep=self.timezone.data)


class CurrencyForm(FlaskForm):
    code = StringField(
        _l("ISO 4217 code"),
        validators=[DataRequired(), max_length(3)],
        render_kw={"autocapitalize": "characters", "placeholder": "EUR"},
    )
    symbol = StringField(_l("Symbol"), validators=[DataRequired(), max_length(8)])
    decimals = IntegerField(
        _l("Decimals"), default=2, validators=[InputRequired(), NumberRange(min=0, max=4)]
    )
    symbol_after = RadioField(
        _l("Symbol placement"),
        default="before",
        choices=[
            SelectChoice("before", _l("Before the amount ($100)")),
            SelectChoice("after", _l("After the amount (100 €)")),
        ],
    )


class EmailSettingsForm(FlaskForm):
    smtp_host = StringField(_l("SMTP server"), validators=[DataRequired(), max_length(255)])
    smtp_port = IntegerField(_l("Port"), validators=[DataRequired(), NumberRange(1, 65535)])
    smtp_security = SelectField(
        _l("Encryption"),
        choices=[
            SelectChoice("none", _l("None")),
            SelectChoice("starttls", "STARTTLS"),
            SelectChoice("ssl", "SSL/TLS"),
        ],
    )
    smtp_user = StringField(_l("User name"), validators=[max_length(255)])
    forget_password = BooleanField(_l("Remove the saved password"))
    smtp_password = PasswordField(
        _l("Password"),
        validators=[max_length(255)],
        description=_l("Leave empty to keep the saved password."),
    )
    mail_sender_name = StringField(
        _l("Sender name"),
        validators=[max_length(100)],
        description=_l("Leave empty to send in the company's name (Settings → Company)."),
    )
    mail_sender_email = EmailField(
        _l("Sender address"), validators=[DataRequired(), Email(), max_length(254)]
    )
    test_recipient = EmailField(_l("Send a test email to"), validators=[Optional(), Email()])


class EmailTemplateForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[DataRequired(), max_length(255)])
    body_html = TextAreaField(_l("Message"), render_kw={"rows": 14})
    active = BooleanField(
        lazy_pgettext("field", "Active"),
        default=True,
        description=_l("When off, this email is not sent in this language."),
    )


PREFIX_HELP = _l(
    "{YYYY} in a prefix restarts the numbers each year: FA-{YYYY}- gives FA-2026-0001."
)
NEXT_HELP = _l("It can only be raised.")


def _prefix_field(label, description=""):
    return StringField(label, validators=[max_length(20)], description=description)


def _next_field(label):
    return IntegerField(
        label, validators=[InputRequired(), NumberRange(min=1, max=99_999_999)],
        description=NEXT_HELP,
    )  # fmt: skip


class FinanceForm(FlaskForm):
    invoice_prefix = _prefix_field(_l("Invoice number prefix"), PREFIX_HELP)
    invoice_next = _next_field(_l("Next invoice number"))
    estimate_prefix = _prefix_field(_l("Estimate number prefix"))
    estimate_next = _next_field(_l("Next estimate number"))
    proposal_prefix = _prefix_field(_l("Proposal number prefix"))
    proposal_next = _next_field(_l("Next proposal number"))
    credit_prefix = _prefix_field(_l("Credit note number prefix"), PREFIX_HELP)
    credit_next = _next_field(_l("Next credit note number"))
    invoice_due_days = IntegerField(
        _l("Invoices are due after (days)"),
        validators=[InputRequired(), NumberRange(min=0, max=365)],
    )
    estimate_valid_days = IntegerField(
        _l("Estimates and proposals are valid for (days)"),
        validators=[InputRequired(), NumberRange(min=0, max=365)],
    )
    company_registration = TextAreaField(
        _l("Registration numbers"),
        validators=[max_length(500)],
        description=_l("SIRET, RCS, HRB, CIF…, one per line: printed on every PDF."),
        render_kw={"rows": 3},
    )


class ReminderDaysField(NumberField):
    """A number of days read in the user's language; anything but a whole number is refused
    in the words of the range rule (which the service checks with the other fields)."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs["render_kw"] = {"inputmode": "numeric"}
        super().__init__(label, [Optional(), *(validators or [])], **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(whole_days_message()) from None
        if self.data is not None:
            if self.data != self.data.to_integral_value():
                self.data = None
                raise ValueError(whole_days_message())
            self.data = int(self.data)


class PaymentRemindersForm(FlaskForm):
    """Settings → Finance, payment reminders: days before and after the due date (empty: off)."""

    payment_reminder_before = ReminderDaysField(
        _l("Reminder before the due date (days)"),
        description=_l("Empty: no reminder before the due date."),
    )
    payment_reminder_after_1 = ReminderDaysField(_l("First reminder after the due date (days)"))
    payment_reminder_after_2 = ReminderDaysField(_l("Second reminder after the due date (days)"))
    payment_reminder_after_3 = ReminderDaysField(_l("Third reminder after the due date (days)"))


class DocumentTextsForm(FlaskForm):
    notes = TextAreaField(_l("Notes"), validators=[max_length(5000)], render_kw={"rows": 5})
    terms = TextAreaField(
        _l("Terms"),
        validators=[max_length(5000)],
        description=_l("Legal mentions, payment terms, bank details (IBAN)…"),
        render_kw={"rows": 8},
    )


class FirstRunForm(FlaskForm):
    """The first-run card: what every document and email needs before the first customer."""

    company_name = StringField(_l("Company name"), validators=[max_length(200)])
    company_country = SelectField(_l("Country"), default="", validate_choice=False)
    default_currency = SelectField(
        _l("Default currency"),
        default="",
        validate_choice=False,
        description=_l("Suggested from the country; any ISO 4217 currency."),
    )
    default_language = SelectField(_l("System default language"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        """Every country (each option carries its currency) and every ISO 4217 currency."""
        super().__init__(*args, **kwargs)
        self.company_country.choices = country_currency_choices()
        self.default_currency.choices = iso_currency_choices()
        self.default_language.choices = [SelectChoice(c, n) for c, n in language_names()]
