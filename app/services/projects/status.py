"""Date-dependent project statuses: whether a project is overdue."""

from datetime import date

from app.models import Project

CLOSED_STATUSES = ("finished", "cancelled")


def is_overdue(project: Project, today: date | None = None) -> bool:
    """A deadline passed while the project is still open."""
    today = today or date.today()
    return bool(
        project.deadline and project.deadline < today and project.status not in CLOSED_STATUSES
    )
