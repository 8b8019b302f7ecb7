"""Two-step sign-in forms: a code, turning it off, the Settings → Security rule."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Length

from app.forms.settings import YES_NO


class CodeForm(FlaskForm):
    """A six-digit code from the authenticator app (or, at sign-in, a recovery code)."""

    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=32)],
        render_kw={
            "autocomplete": "one-time-code",
            "autofocus": True,
            "spellcheck": "false",
            "autocapitalize": "off",
        },  # fmt: skip
    )


class TurnOffForm(FlaskForm):
    proof = PasswordField(
        _l("Your password, or a code from your app"),
        validators=[DataRequired(), Length(max=128)],
        render_kw={"autocomplete": "current-password"},
    )


class SecurityForm(FlaskForm):
    two_step_staff = RadioField(
        _l("Two-step sign-in is required of every staff member"),
        choices=YES_NO,
        description=_l("Yes: whoever has not set it up is asked to right after their password."),
    )
    two_step_contacts = RadioField(
        _l("Two-step sign-in is required of every client portal contact"), choices=YES_NO
    )
