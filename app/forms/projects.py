"""Project forms: a project, a new task, a task's status/assignee/due date, a comment."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from app.forms.choices import label_choices
from app.forms.validators import max_length
from app.labels.statuses import PROJECT_STATUS_LABELS, TASK_STATUS_LABELS
from app.models import PROJECT_STATUSES, TASK_STATUSES


def staff_choices(staff, current=None) -> list[SelectChoice]:
    """Nobody, then active staff; a task's inactive assignee stays listed so updates keep them."""
    choices = [SelectChoice("", _l("Nobody"))] + [SelectChoice(str(u.id), u.name) for u in staff]
    if current is not None and current not in staff:
        choices.append(SelectChoice(str(current.id), _l("%(name)s (inactive)", name=current.name)))
    return choices


class ProjectForm(FlaskForm):
    # Rules (known customer, known status, deadline after start) live in the service.
    customer = HiddenField()
    name = StringField(_l("Project name"), validators=[DataRequired(), max_length(200)])
    description = TextAreaField(
        _l("Description"), validators=[max_length(10_000)], render_kw={"rows": 5}
    )
    status = SelectField(_l("Status"), default="not_started", validate_choice=False)
    start_date = DateField(_l("Start date"), validators=[Optional()])
    deadline = DateField(_l("Deadline"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = label_choices(PROJECT_STATUS_LABELS, PROJECT_STATUSES)


class TaskUpdateForm(FlaskForm):
    status = SelectField(_l("Status"), default="todo", validate_choice=False)
    assignee = SelectField(_l("Assignee"), default="", validate_choice=False)
    due_date = DateField(_l("Due date"), validators=[Optional()])

    def __init__(self, staff, *args, assignee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = label_choices(TASK_STATUS_LABELS, TASK_STATUSES)
        self.assignee.choices = staff_choices(staff, assignee)


class TaskForm(TaskUpdateForm):
    name = StringField(_l("Task name"), validators=[DataRequired(), max_length(200)])


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Your comment"), validators=[DataRequired(), max_length(5_000)], render_kw={"rows": 3}
    )


def comment_forms(tasks) -> dict:
    """An empty comment form per task, each with its own prefix (one page shows them all)."""
    return {t.id: CommentForm(prefix=f"comment{t.id}", formdata=None) for t in tasks}
