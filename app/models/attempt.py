"""Failed sign-in counters in the database, so that every app server sees the same count."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.types import UTCDateTime


class FailedAttempts(db.Model):
    """One row per account (`staff:<email>`, `contact:<email>`): attempts in the current window."""

    __tablename__ = "failed_attempts"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
