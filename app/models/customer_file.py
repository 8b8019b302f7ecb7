"""Files staff keep on a customer, staff-only or shared with the customer's portal."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class CustomerFile(db.Model):
    """Kept in the database as ticket attachments are: every app server sees it, a backup
    holds it, and deleting the customer deletes it (ON DELETE CASCADE)."""

    __tablename__ = "customer_files"
    __table_args__ = (
        Index("ix_customer_files_customer_order", "customer_id", "shared", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(String(500))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # read on download only
    # Shown and downloadable in the client portal (contacts with the Files permission).
    shared: Mapped[bool] = mapped_column(default=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The upload form's one-time key: a double click or a resent post stores the file once.
    form_key: Mapped[str | None] = mapped_column(String(32), unique=True)

    customer = relationship("Customer")
    uploaded_by = relationship("User")
