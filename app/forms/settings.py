"""Forms of the settings area."""

from zoneinfo import available_timezones

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

from app.forms.validators import max_length
from app.i18n import language_names


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
        self.timezone.choices = [SelectChoice(z, z) for z in sorted(available_timezones())]


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
    mail_sender_name = StringField(_l("Sender name"), validators=[max_length(100)])
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
