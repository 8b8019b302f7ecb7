"""Support tickets: departments, tickets, their replies (and internal notes), attachments."""

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, LargeBinary, String, Table, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow

TICKET_STATUSES = ("open", "in_progress", "answered", "on_hold", "closed")
TICKET_PRIORITIES = ("low", "medium", "high", "urgent")

department_staff = Table(
    "department_staff",
    db.metadata,
    Column("department_id", ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Department(db.Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)

    members = relationship("User", secondary=department_staff, order_by="User.name")


class Ticket(db.Model):
    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_status_last_activity", "status", "last_activity_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True
    )
    assigned_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(200))
    priority: Mapped[str] = mapped_column(String(10), default="medium", index=True)
    status: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    customer = relationship("Customer")
    contact = relationship("Contact")
    department = relationship("Department")
    assigned_to = relationship("User", foreign_keys=[assigned_to_id])
    replies = relationship(
        "TicketReply", back_populates="ticket", cascade="all, delete-orphan",
        passive_deletes=True, order_by="TicketReply.id",
    )  # fmt: skip


class TicketReply(db.Model):
    """A message in a ticket's thread, from the contact or from staff (internal: staff only)."""

    __tablename__ = "ticket_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    internal: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ticket = relationship("Ticket", back_populates="replies")
    # A thread is shown whole: its authors and files come in one query each, not one per reply.
    contact = relationship("Contact", lazy="selectin")
    user = relationship("User", lazy="selectin")
    attachments = relationship(
        "TicketAttachment", cascade="all, delete-orphan", passive_deletes=True,
        order_by="TicketAttachment.id", lazy="selectin",
    )  # fmt: skip


class TicketAttachment(db.Model):
    """A file attached to a reply, kept in the database (every app server sees it)."""

    __tablename__ = "ticket_attachments"
    # The sweep looks for pending images: without this it would scan a table of blobs. Its
    # condition is written as SQLAlchemy writes `where(pending)` in each dialect.
    __table_args__ = (
        Index("ix_ticket_attachments_pending", "id", sqlite_where=text("pending = 1"),
              postgresql_where=text("pending")),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    reply_id: Mapped[int] = mapped_column(
        ForeignKey("ticket_replies.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(150))
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # read on download only
    # An image stored as received, not yet re-encoded: never served until it is.
    pending: Mapped[bool] = mapped_column(default=False, server_default=false())
