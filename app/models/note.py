"""Staff notes on a customer (optionally about one of its contacts), each edit kept."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class CustomerNote(db.Model):
    __tablename__ = "customer_notes"
    __table_args__ = (
        Index("ix_customer_notes_customer_order", "customer_id", "pinned", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    # About one of the customer's contacts (shown on that contact's page too), or the customer.
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)  # sanitised HTML (app/services/mail/render.sanitize)
    pinned: Mapped[bool] = mapped_column(default=False)
    # Bumped by each edit: an edit made on an older version is refused, never lost.
    version: Mapped[int] = mapped_column(default=1)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    customer = relationship("Customer")
    author = relationship("User", foreign_keys=[author_id])
    edited_by = relationship("User", foreign_keys=[edited_by_id])
    contact = relationship("Contact")


class NoteVersion(db.Model):
    """A note's text before an edit, with who had written it and when."""

    __tablename__ = "customer_note_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(
        ForeignKey("customer_notes.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)

    written_by = relationship("User")
