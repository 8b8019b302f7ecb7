"""Email templates staff edit, and the outbox every message (with its attachments) goes through."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class EmailTemplate(db.Model):
    """A template saved by staff for one language; unsaved ones use the shipped default."""

    __tablename__ = "email_templates"
    __table_args__ = (UniqueConstraint("key", "language", name="uq_email_templates_key_language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(50))
    language: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(255))
    body_html: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class OutboxMessage(db.Model):
    """A message waiting to be sent, sent, or failed (kept with its error, retried)."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(50))
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
    # The Message-ID header, chosen when queued: a retry after a crash is the same message.
    message_id_header: Mapped[str | None] = mapped_column(String(255))
    # Set while a worker sends the row (its lease, and its token: see outbox._claim).
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def being_sent(self) -> bool:
        """A worker holds the row right now (its lease has not run out)."""
        return (
            self.sent_at is None
            and self.claimed_until is not None
            and (self.claimed_until > utcnow())
        )


class OutboxAttachment(db.Model):
    """A file sent with an outbox message (an invoice's PDF, for instance)."""

    __tablename__ = "outbox_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(150))
    content_type: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # read when sending
