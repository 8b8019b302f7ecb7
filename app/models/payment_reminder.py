"""Payment reminders sent for an invoice: one row per invoice and stage, written in the same
transaction as the emails it queues (the unique pair makes a second run send nothing)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.types import UTCDateTime, utcnow

# "before" the due date, then the three reminders after it (Settings → Finance).
REMINDER_STAGES = ("before", "after_1", "after_2", "after_3")


class PaymentReminder(db.Model):
    __tablename__ = "payment_reminders"
    __table_args__ = (
        UniqueConstraint("invoice_id", "stage", name="uq_payment_reminders_invoice_id_stage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("sales_documents.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(10))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The first message queued (None: no contact could receive it, nothing was sent).
    outbox_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox.id", ondelete="SET NULL")
    )
    recipients: Mapped[int] = mapped_column(default=0)
