"""Support forms: a new ticket, a reply, a ticket's status and assignment, departments."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms.choices import label_choices
from app.forms.validators import max_length
from app.i18n import left_to_right_text
from app.labels.options import TICKET_PRIORITY_LABELS
from app.labels.statuses import TICKET_STATUS_LABELS
from app.models import TICKET_PRIORITIES, TICKET_STATUSES

ATTACH_HELP = _l("Optional: up to 5 files of 5 MB — images, PDF or text.")


def priority_choices():
    return label_choices(TICKET_PRIORITY_LABELS, TICKET_PRIORITIES)


def status_choices():
    return label_choices(TICKET_STATUS_LABELS, TICKET_STATUSES)


def department_choices(departments):
    return [SelectChoice("", "—")] + [SelectChoice(str(d.id), d.name) for d in departments]


class TicketForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[DataRequired(), max_length(200)])
    department = SelectField(_l("Department"), default="")
    priority = SelectField(_l("Priority"), default="medium")
    body = TextAreaField(_l("Message"), validators=[DataRequired()], render_kw={"rows": 8})
    attachments = MultipleFileField(_l("Attachments"), description=ATTACH_HELP)

    def __init__(self, departments, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.department.choices = department_choices(departments)
        self.priority.choices = priority_choices()


class StaffTicketForm(TicketForm):
    contact = SelectField(_l("On behalf of"), coerce=int)

    def __init__(self, departments, contacts, *args, **kwargs):
        super().__init__(departments, *args, **kwargs)
        self.contact.choices = [
            SelectChoice(c.id, f"{c.full_name} <{left_to_right_text(c.email)}>") for c in contacts
        ]


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Your reply"), validators=[DataRequired()], render_kw={"rows": 6})
    attachments = MultipleFileField(_l("Attachments"), description=ATTACH_HELP)
    internal = BooleanField(_l("Internal note (the customer never sees it)"))


class TicketMetaForm(FlaskForm):
    status = SelectField(_l("Status"))
    priority = SelectField(_l("Priority"))
    department = SelectField(_l("Department"), default="")
    assigned_to = SelectField(_l("Assigned to"), default="")

    def __init__(self, departments, staff, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = status_choices()
        self.priority.choices = priority_choices()
        self.department.choices = department_choices(departments)
        self.assigned_to.choices = [SelectChoice("", "—")] + [
            SelectChoice(str(u.id), u.name) for u in staff
        ]


class DepartmentForm(FlaskForm):
    name = StringField(_l("Department name"), validators=[DataRequired(), max_length(100)])
    members = SelectMultipleField(_l("Staff who receive its tickets"), coerce=int,
                                  widget=ListWidget(prefix_label=False),
                                  option_widget=CheckboxInput())  # fmt: skip

    def __init__(self, staff, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.members.choices = [SelectChoice(u.id, u.name) for u in staff]
