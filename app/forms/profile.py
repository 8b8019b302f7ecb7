"""Forms of the client portal's profile page: the contact's own details and password."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TelField
from wtforms.validators import DataRequired, EqualTo, Length

from app.forms.validators import max_length
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
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=128)],
        render_kw={"autocomplete": "new-password"},
        description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
