"""Projects, their tasks and the comments on tasks."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.extensions import db
from app.models.types import UTCDateTime, utcnow
from app.text import fold

PROJECT_STATUSES = ("not_started", "in_progress", "on_hold", "finished", "cancelled")
TASK_STATUSES = ("todo", "in_progress", "done")


class Project(db.Model):
    __tablename__ = "projects"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    # The name folded (no case, no accents) for search: the same on SQLite and PostgreSQL.
    name_key: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="not_started")
    start_date: Mapped[date | None]
    deadline: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Who made it: a "view own" member sees the projects they created.
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    customer = relationship("Customer")
    tasks = relationship(
        "Task",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Task.id",
        back_populates="project",
    )

    @validates("name")
    def _fold_name(self, _key: str, name: str) -> str:
        self.name_key = fold(name)[:200]
        return name


class Task(db.Model):
    """A task of a project, or a standalone task of a customer (no project). Every task names
    its customer (a project's task: the project's), so one column serves scope and lists."""

    __tablename__ = "tasks"
    # My tasks: a person's tasks by status and due date.
    __table_args__ = (Index("ix_tasks_assignee_status_due", "assignee_id", "status", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="todo")
    due_date: Mapped[date | None]
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Who made a standalone task: it is on their My tasks while nobody else is assigned.
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    project = relationship("Project", back_populates="tasks")
    customer = relationship("Customer")
    assignee = relationship("User", foreign_keys=[assignee_id])
    comments = relationship(
        "TaskComment", cascade="all, delete-orphan", passive_deletes=True, order_by="TaskComment.id"
    )


@event.listens_for(Task, "before_insert")
def _customer_of_project(_mapper, _connection, task: Task) -> None:
    """A project's task belongs to the project's customer, however it was made."""
    if task.project is not None:
        task.customer_id = task.project.customer_id


class TaskComment(db.Model):
    __tablename__ = "task_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    contact = relationship("Contact")
    user = relationship("User")
