"""Support departments (Settings → Departments) and the staff who get their tickets."""

from flask_babel import gettext as _
from sqlalchemy import select

from app.collation import collated
from app.extensions import db
from app.models import Department, User
from app.services.names import unique_name

NAME_MAX = 100


def all_departments() -> list[Department]:
    """Every department, by name in the reader's language."""
    return collated(db.session.scalars(select(Department)), lambda d: d.name)


def save_department(department: Department | None, name: str, member_ids: list[int]) -> Department:
    """Add or change a department; names are unique whatever their case."""
    taken = _("A department with this name already exists.")
    name = unique_name(Department.name, name, department, NAME_MAX, taken)
    department = department or Department()
    department.name = name
    department.members = list(db.session.scalars(select(User).where(User.id.in_(member_ids))))
    db.session.add(department)
    db.session.flush()
    return department


def delete_department(department: Department) -> None:
    """Delete a department; its tickets remain, without a department."""
    db.session.delete(department)
    db.session.flush()
