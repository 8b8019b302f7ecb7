"""A staff member's reminder about a customer or one of its invoices, estimates, contracts or
tickets, shown on that record and on their dashboard, optionally emailed when due."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow

DESCRIPTION_MAX = 500


class Reminder(db.Model):
    """Attached to its customer, and to at most one of the customer's records through a nullable
    foreign key each: deleting the record (or the customer) deletes its reminders in the
    database itself (ON DELETE CASCADE), with no orphan a polymorphic pair would leave."""

    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN document_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN contract_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN ticket_id IS NULL THEN 0 ELSE 1 END) <= 1",
            name="one_record",
        ),
        UniqueConstraint("form_key", name="uq_reminders_form_key"),
        Index("ix_reminders_user_due", "user_id", "done_at", "due_at"),
        Index("ix_reminders_due", "notified_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("sales_documents.id", ondelete="CASCADE"), index=True
    )
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    ticket_id: Mapped[int | None] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    description: Mapped[str] = mapped_column(String(DESCRIPTION_MAX))
    email: Mapped[bool] = mapped_column(default=False)
    # Set by the one run that queues its email (a conditional update); a snooze clears it.
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The add form's key: the same form posted twice (a double click) is saved once.
    form_key: Mapped[str | None] = mapped_column(String(32))

    customer = relationship("Customer")
    document = relationship("Document")
    contract = relationship("Contract")
    ticket = relationship("Ticket")
    user = relationship("User", foreign_keys=[user_id])
    created_by = relationship("User", foreign_keys=[created_by_id])
