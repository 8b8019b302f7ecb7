"""The forms of a staff reminder: set one, snooze one."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from app.models.reminder import DESCRIPTION_MAX


class ReminderForm(FlaskForm):
    """Dates and times come from the browser's date and time inputs (ISO, never guessed); the
    service says what is missing or in the past, beside the field."""

    description = StringField(_l("Description"), render_kw={"maxlength": DESCRIPTION_MAX})
    user_id = SelectField(_l("Person to remind"), validate_choice=False)
    day = DateField(_l("Date"), validators=[Optional()])
    at = TimeField(_l("Time"), validators=[Optional()])
    email = BooleanField(_l("Also email"))
    form_key = HiddenField()  # posted twice (a double click), the reminder is set once

    def __init__(self, staff, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_id.choices = [SelectChoice(str(user.id), user.name) for user in staff]


class SnoozeForm(FlaskForm):
    """Snooze for an hour, until tomorrow morning, or to a chosen date and time."""

    day = DateField(_l("Date"), validators=[Optional()])
    at = TimeField(_l("Time"), validators=[Optional()])
