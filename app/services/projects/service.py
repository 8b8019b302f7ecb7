"""Projects and their tasks: create, change, delete; every rule the forms rely on."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    PROJECT_STATUSES,
    TASK_STATUSES,
    Customer,
    Project,
    Task,
    TaskComment,
    User,
)
from app.services import Collector
from app.services.custom_fields.records import delete_custom
from app.services.customers.activity import log_activity
from app.services.scope import Scope, scope_of

NAME_MAX = 200
DESCRIPTION_MAX = 10_000


@dataclass
class ProjectInput:
    """Cleaned-up values of the project form."""

    name: str
    description: str
    status: str
    start_date: date | None
    deadline: date | None


def _check_name(name: str, errors: Collector) -> str:
    return errors.text("name", name, NAME_MAX, _("Enter a name."))


def _check_project(data: ProjectInput, errors: Collector) -> ProjectInput:
    name = _check_name(data.name, errors)
    description = errors.text("description", data.description, DESCRIPTION_MAX, multiline=True)
    if data.status not in PROJECT_STATUSES:
        errors.add("status", _("Choose a status from the list."))
    errors.day("start_date", data.start_date)
    errors.day("deadline", data.deadline)
    if data.start_date and data.deadline and data.deadline < data.start_date:
        errors.add("deadline", _("The deadline cannot be before the start date."))
    return ProjectInput(name, description, data.status, data.start_date, data.deadline)


def check_project(data: ProjectInput) -> None:
    """The service's own checks alone (FormErrors), so a form refused for one field shows
    every other problem at once too."""
    errors = Collector()
    _check_project(data, errors)
    errors.raise_if_any()


def create_project(customer_id: int | None, data: ProjectInput, user: User) -> Project:
    """A new project for a customer `user` may see; recorded in the customer's activity."""
    errors = Collector()
    customer = scope_of(user).chosen_customer(customer_id)
    if customer is None:
        errors.add("customer", _("Choose a customer from the list."))
    data = _check_project(data, errors)
    errors.raise_if_any()
    project = Project(
        customer=customer,
        name=data.name,
        description=data.description or None,
        status=data.status,
        start_date=data.start_date,
        deadline=data.deadline,
        created_by_id=user.id if user else None,
    )
    db.session.add(project)
    db.session.flush()
    log_activity(customer, user, "project.created", subject=project.name)
    return project


def update_project(project: Project, data: ProjectInput, user: User) -> None:
    """Change a project's name, description, status and dates."""
    errors = Collector()
    data = _check_project(data, errors)
    errors.raise_if_any()
    old_status = project.status
    project.name, project.description = data.name, data.description or None
    project.status, project.start_date, project.deadline = (
        data.status, data.start_date, data.deadline
    )  # fmt: skip
    db.session.flush()
    action = "project.status_changed" if old_status != data.status else "project.updated"
    log_activity(project.customer, user, action, subject=project.name)


def delete_project(project: Project, user: User) -> None:
    """Delete a project with its tasks and their comments."""
    log_activity(project.customer, user, "project.deleted", subject=project.name)
    delete_custom("project", project.id)
    db.session.delete(project)
    db.session.flush()


def _assignee(assignee_id: int | None, errors: Collector) -> User | None:
    assignee = db.session.get(User, assignee_id) if assignee_id else None
    if assignee_id and (assignee is None or not assignee.active):
        errors.add("assignee", _("Choose a staff member from the list."))
    return assignee


def _check_task_status(status: str, errors: Collector) -> None:
    if status not in TASK_STATUSES:
        errors.add("status", _("Choose a status from the list."))


def add_task(
    owner: Project | Customer,
    name: str,
    status: str,
    due_date: date | None,
    assignee_id: int | None,
    user: User | None = None,
) -> Task:
    """A new task in a project, or a standalone task of a customer (made by `user`)."""
    errors = Collector()
    name = _check_name(name, errors)
    _check_task_status(status, errors)
    errors.day("due_date", due_date)
    assignee = _assignee(assignee_id, errors)
    errors.raise_if_any()
    owned = {"project": owner} if isinstance(owner, Project) else {"customer": owner}
    task = Task(name=name, status=status, due_date=due_date, assignee=assignee,
                created_by_id=user.id if user else None, **owned)  # fmt: skip
    db.session.add(task)
    db.session.flush()
    return task


def update_task(task: Task, status: str, due_date: date | None, assignee_id: int | None) -> None:
    """Change a task's status, due date and assignee (who may stay on it once inactive)."""
    errors = Collector()
    _check_task_status(status, errors)
    errors.day("due_date", due_date)
    if assignee_id is not None and assignee_id == task.assignee_id:
        assignee = task.assignee
    else:
        assignee = _assignee(assignee_id, errors)
    errors.raise_if_any()
    task.status, task.due_date, task.assignee = status, due_date, assignee
    db.session.flush()


def delete_task(task: Task) -> None:
    """Remove a task and its comments."""
    db.session.delete(task)
    db.session.flush()


@dataclass(frozen=True)
class Progress:
    """How far a project's tasks are: done of total, and the whole percentage done."""

    done: int = 0
    total: int = 0

    @property
    def percent(self) -> int:
        """Rounded down: 100 only once every task is done (0 without tasks)."""
        return 100 * self.done // self.total if self.total else 0


def project_progress(project: Project) -> Progress:
    """The progress of a project whose tasks are loaded (its page)."""
    return Progress(sum(t.status == "done" for t in project.tasks), len(project.tasks))


def task_counts(project_ids: list[int]) -> dict[int, Progress]:
    """{project id: Progress} for every project given (lists), in one query."""
    if not project_ids:
        return {}
    done = func.sum(case((Task.status == "done", 1), else_=0))
    rows = db.session.execute(
        select(Task.project_id, done, func.count(Task.id))
        .where(Task.project_id.in_(project_ids)).group_by(Task.project_id)
    )  # fmt: skip
    found = {project_id: Progress(int(d or 0), int(n)) for project_id, d, n in rows}
    return {project_id: found.get(project_id, Progress()) for project_id in project_ids}


def load_project(project_id: int, scope: Scope) -> Project | None:
    """The project, when this person may see it, with its tasks, assignees and comments."""
    query = select(Project).options(
        selectinload(Project.tasks).selectinload(Task.assignee),
        selectinload(Project.tasks).selectinload(Task.comments).selectinload(TaskComment.contact),
        selectinload(Project.tasks).selectinload(Task.comments).selectinload(TaskComment.user),
    )
    return scope.get(Project, project_id, query)


def load_task(project: Project, task_id: int) -> Task | None:
    """A task of this project (a task of another project is not found here)."""
    return next((t for t in project.tasks if t.id == task_id), None)
