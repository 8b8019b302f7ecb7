"""Date-dependent project statuses: whether a project is overdue."""

from datetime import date

from sqlalchemy import and_

from app.models import Project, Task

CLOSED_STATUSES = ("finished", "cancelled")


def is_overdue(project: Project, today: date | None = None) -> bool:
    """A deadline passed while the project is still open."""
    today = today or date.today()
    return bool(
        project.deadline and project.deadline < today and project.status not in CLOSED_STATUSES
    )


def task_is_overdue(task: Task, today: date | None = None) -> bool:
    """A task due before today and not done."""
    return bool(task.due_date and task.due_date < (today or date.today()) and task.status != "done")


def task_overdue_condition(today: date):
    """The same rule in SQL."""
    return and_(Task.status != "done", Task.due_date < today)
