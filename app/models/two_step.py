"""Two-step sign-in: a person's TOTP secret (staff member or contact) and recovery codes."""

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class TwoStep(db.Model):
    """One per person who has two-step sign-in on (the row is deleted when it is turned off)."""

    __tablename__ = "two_step_secrets"
    __table_args__ = (
        CheckConstraint("(user_id IS NULL) <> (contact_id IS NULL)", name="one_person"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), unique=True
    )
    secret: Mapped[str] = mapped_column(String(64))  # base32, as authenticator apps read it
    # The last time step (unix time // 30) a code was accepted for: a code works once.
    last_step: Mapped[int | None] = mapped_column(BigInteger)
    enabled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    recovery_codes = relationship(
        "RecoveryCode", cascade="all, delete-orphan", passive_deletes=True
    )


class RecoveryCode(db.Model):
    """A single-use code for a lost phone, kept only as a salted hash."""

    __tablename__ = "two_step_recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    two_step_id: Mapped[int] = mapped_column(
        ForeignKey("two_step_secrets.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
