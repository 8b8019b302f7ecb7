"""Personal data requests: every export and erasure of a contact's or customer's personal data,
and the erasures contacts ask for in the portal, with who decided and what was kept."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow

PRIVACY_KINDS = ("export", "erase")
PRIVACY_STATUSES = ("requested", "done", "refused")


class PrivacyRequest(db.Model):
    __tablename__ = "privacy_requests"
    __table_args__ = (
        # One open erasure request per contact: a second click finds the first.
        Index(
            "uq_privacy_requests_open_erase",
            "contact_id",
            unique=True,
            sqlite_where=text("kind = 'erase' AND status = 'requested'"),
            postgresql_where=text("kind = 'erase' AND status = 'requested'"),
        ),
        Index("ix_privacy_requests_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # PRIVACY_KINDS
    status: Mapped[str] = mapped_column(String(10))  # PRIVACY_STATUSES
    # The subject: a contact (and its customer), or a whole customer (contact_id empty).
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    # Asked by a staff member, or by the contact in the portal.
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    asked_by_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL")
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Text)  # a refusal's reason, told to the contact
    # What was kept and why: {"documents": [...], "why": "..."}; what an export held.
    kept: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    customer = relationship("Customer")
    contact = relationship("Contact", foreign_keys=[contact_id])
    asked_by = relationship("User", foreign_keys=[asked_by_id])
    asked_by_contact = relationship("Contact", foreign_keys=[asked_by_contact_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])
