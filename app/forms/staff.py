"""Forms of Settings → Staff: invite a staff member, edit one."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from app.forms.choices import language_choices
from app.forms.validators import max_length


class InviteStaffForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), max_length(120)])
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), max_length(254)],
        description=_l("The invitation, with a link to choose a password, is sent here."),
    )
    language = SelectField(
        _l("Language"),
        validate_choice=False,
        description=_l("The language of the invitation and of their dashboard."),
    )
    role = SelectField(
        _l("Role"),
        validate_choice=False,
        description=_l("What they may see and do; change roles under Settings → Roles."),
    )

    # A new colleague's role is chosen, never preselected (every shipped role may be too much).
    role_placeholder = True

    def __init__(self, *args, **kwargs):
        from app.services.roles import all_roles, role_summary

        super().__init__(*args, **kwargs)
        placeholder = [SelectChoice("", _l("Choose a role"), render_kw={"data-summary": ""})]
        self.role.choices = (placeholder if self.role_placeholder else []) + [
            SelectChoice(str(role.id), role.display_name,
                         render_kw={"data-summary": role_summary(role)})
            for role in all_roles()
        ]  # fmt: skip
        self.language.choices = language_choices(_l("Same as the sign-in page"))

    def role_summary(self) -> str:
        """What the chosen role allows (the line under Role; roles.js updates it)."""
        for choice in self.role.choices:
            if choice.value == str(self.role.data):
                return choice.render_kw["data-summary"]
        return ""


class EditStaffForm(InviteStaffForm):
    role_placeholder = False
    email = EmailField(_l("Email"), validators=[DataRequired(), max_length(254)])
    active = BooleanField(
        lazy_pgettext("field", "Active"),
        description=_l("An inactive staff member cannot sign in; their records keep their name."),
    )
