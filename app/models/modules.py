"""Contracts and projects: the other portal modules (proposals are sales documents)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.extensions import db
from app.models.types import UTCDateTime, utcnow
from app.text import fold

CONTRACT_STATUSES = ("draft", "sent", "signed")  # "expired" is derived from the end date
PROJECT_STATUSES = ("not_started", "in_progress", "on_hold", "finished", "cancelled")
TASK_STATUSES = ("todo", "in_progress", "done")


class ContractType(db.Model):
    __tablename__ = "contract_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Contract(db.Model):
    __tablename__ = "contracts"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(  # only drafts go with it: see delete_customer
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    type_id: Mapped[int | None] = mapped_column(
        ForeignKey("contract_types.id", ondelete="SET NULL")
    )
    subject: Mapped[str] = mapped_column(String(200))
    value: Mapped[Decimal] = mapped_column(Numeric(18, 4), default=Decimal(0))
    currency_code: Mapped[str] = mapped_column(String(3))
    start_date: Mapped[date]
    end_date: Mapped[date | None] = mapped_column(index=True)
    content: Mapped[str] = mapped_column(Text, default="")  # sanitised HTML
    status: Mapped[str] = mapped_column(String(10), default="draft")
    signed_name: Mapped[str | None] = mapped_column(String(200))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_ip: Mapped[str | None] = mapped_column(String(64))
    signed_by_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL")
    )
    # What the signed contract named, kept as signed whatever later renames.
    signed_company: Mapped[str | None] = mapped_column(String(200))
    signed_type_name: Mapped[str | None] = mapped_column(String(100))
    renewed_from_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    customer = relationship("Customer")
    type = relationship("ContractType")
    signed_by = relationship("Contact")

    @property
    def company_name(self) -> str:
        """The customer's name as the contract shows it: kept from the signature once signed."""
        if self.status == "signed" and self.signed_company:
            return self.signed_company
        return self.customer.company

    @property
    def type_name(self) -> str | None:
        if self.status == "signed" and self.signed_company:  # the names were kept together
            return self.signed_type_name
        return self.type.name if self.type else None


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
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="todo")
    due_date: Mapped[date | None]
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    project = relationship("Project", back_populates="tasks")
    assignee = relationship("User")
    comments = relationship(
        "TaskComment", cascade="all, delete-orphan", passive_deletes=True, order_by="TaskComment.id"
    )


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
