"""Forms of the profile pages: a contact's (portal) and a staff member's (My profile) own
details, and the password change both use."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, TelField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo

from app.forms.choices import language_choices, time_zone_choices
from app.forms.validators import max_length, min_password_length
from app.services.tokens import MIN_PASSWORD_LENGTH


class ProfileForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), max_length(100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), max_length(100)])
    phone = TelField(_l("Phone"), validators=[max_length(32)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(), max_length(128)],
        render_kw={"autocomplete": "current-password"},
    )
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), min_password_length(), max_length(128)],
        render_kw={"autocomplete": "new-password"},
        description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class StaffProfileForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), max_length(120)])
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), max_length(254)],
        render_kw={"autocomplete": "email"},
        description=_l("A new address is used once you open the link we email to it."),
    )
    language = SelectField(_l("Language"), validate_choice=False)
    timezone = SelectField(
        _l("Time zone"),
        validate_choice=False,
        description=_l("Dates and times on the dashboard are shown in this time zone."),
    )

    def __init__(self, *args, default_timezone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices(_l("Same as the sign-in page"))
        default = _l("System default (%(zone)s)", zone=default_timezone)
        self.timezone.choices = [SelectChoice("", default)] + time_zone_choices(
            keep=self.timezone.data
        )
