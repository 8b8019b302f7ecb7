"""Who changed what, and when, on a customer and its contacts."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class ActivityLog(db.Model):
    __tablename__ = "activity_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # A portal contact's own action (signing, commenting): no staff user then.
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    # A stable key (e.g. "customer.updated"); the screen translates it.
    action: Mapped[str] = mapped_column(String(50))
    # The customer version this change produced (lets a conflicting editor see what changed).
    version: Mapped[int | None]
    subject: Mapped[str | None] = mapped_column(String(200))
    changes: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")
    contact = relationship("Contact")
