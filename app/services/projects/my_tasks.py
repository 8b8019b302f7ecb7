"""My tasks: a staff member's tasks across projects and customers, and a customer's standalone
tasks (no project). Tasks are made and changed by the project task code (service.py)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, or_, select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Task, User
from app.services import reread_or_404
from app.services.lists import choice
from app.services.projects.status import task_overdue_condition
from app.services.scope import Scope, scope_of

MY_TASK_STATUSES = ("open", "done", "all")


def mine(user: User):
    """The tasks on someone's list: those assigned to them, and the standalone tasks they made
    that nobody is assigned to."""
    made = and_(Task.project_id.is_(None), Task.assignee_id.is_(None),
                Task.created_by_id == user.id)  # fmt: skip
    return or_(Task.assignee_id == user.id, made)


def _listed(query: Select) -> Select:
    """Tasks with their project, customer and assignee, read in the same query."""
    return query.options(joinedload(Task.project), joinedload(Task.customer),
                         joinedload(Task.assignee))  # fmt: skip


@dataclass
class MyTaskFilters:
    status: str = "open"  # open (to do or in progress), done, all

    @classmethod
    def from_args(cls, args) -> "MyTaskFilters":
        """Read ?status= leniently: anything unknown is the open tasks."""
        return cls(status=choice(args.get("status"), MY_TASK_STATUSES) or "open")


def my_tasks(user: User, filters: MyTaskFilters, today: date | None = None) -> Select:
    """The person's tasks they may see: overdue first, then by due date (none last)."""
    today = today or date.today()
    query = _listed(select(Task).where(mine(user)))
    if filters.status == "open":
        query = query.where(Task.status != "done")
    elif filters.status == "done":
        query = query.where(Task.status == "done")
    late = case((task_overdue_condition(today), 0), else_=1)
    return (
        scope_of(user)
        .narrow(query, Task)
        .order_by(late, Task.due_date.is_(None), Task.due_date, Task.id)
    )


def load_my_task(task_id: int, user: User) -> Task | None:
    """A task on this person's list (someone else's task is not found here)."""
    return scope_of(user).get(Task, task_id, select(Task).where(mine(user)))


def mark_done(task: Task) -> bool:
    """Mark the task done once: a second click (or a parallel request) changes nothing.
    Whether this call did it."""
    changed = db.session.execute(
        update(Task).where(Task.id == task.id, Task.status != "done").values(status="done")
        .execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    reread_or_404(task)
    return changed == 1


def customer_tasks(customer_id: int, scope: Scope) -> list[Task]:
    """A customer's standalone tasks (its projects' tasks are on the projects): open ones first,
    then by due date."""
    query = _listed(select(Task).where(Task.customer_id == customer_id, Task.project_id.is_(None)))
    done_last = case((Task.status == "done", 1), else_=0)
    query = scope.narrow(query, Task).order_by(
        done_last, Task.due_date.is_(None), Task.due_date, Task.id
    )
    return list(db.session.scalars(query))


def open_tasks_due_between(user: User, start: date, end: date) -> list[Task]:
    """The person's open tasks due from `start` to `end` (both included): the calendar feed."""
    query = _listed(select(Task).where(mine(user), Task.status != "done",
                                       Task.due_date >= start, Task.due_date <= end))  # fmt: skip
    return list(db.session.scalars(scope_of(user).narrow(query, Task).order_by(Task.id)))
