"""Sign-in sessions kept on the server, and the security log of each person."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class SignedIn:
    """Flask-Login's identity of a staff member or contact: '<kind>:<id>:<session key>', from the
    session app/services/sessions.py attached to this object (sign-in, or loading a cookie)."""

    identity_kind = "s"
    session_key = None
    signed_in_session = None

    def get_id(self) -> str:
        if not self.session_key:
            raise RuntimeError("not signed in: open a session with app.services.sessions first")
        return f"{self.identity_kind}:{self.id}:{self.session_key}"


class SignInSession(db.Model):
    """One signed-in browser of a staff member or contact; the cookie holds its random key,
    the table only its SHA-256 digest (a leaked table opens no session)."""

    __tablename__ = "sign_in_sessions"
    __table_args__ = (
        CheckConstraint("(user_id IS NULL) <> (contact_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Written at most every few minutes (app/services/sessions.py), not on every request.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    browser: Mapped[str] = mapped_column(String(40), default="")
    os: Mapped[str] = mapped_column(String(40), default="")
    ip_address: Mapped[str | None] = mapped_column(String(45))
    remember: Mapped[bool] = mapped_column(default=False)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")
    contact = relationship("Contact")

    @property
    def person(self):
        return self.user if self.user_id is not None else self.contact


class SecurityEvent(db.Model):
    """One line of a person's security log: sign-ins, failures, sign-outs, ended sessions,
    password, email and second-step changes."""

    __tablename__ = "security_events"
    __table_args__ = (
        CheckConstraint("(user_id IS NULL) <> (contact_id IS NULL)", name="one_owner"),
        Index("ix_security_events_user_time", "user_id", "created_at"),
        Index("ix_security_events_contact_time", "contact_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    # A stable code ("sign_in", "password_changed"…); app/labels/activity.py has its words.
    event: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ip_address: Mapped[str | None] = mapped_column(String(45))
    browser: Mapped[str] = mapped_column(String(40), default="")
    os: Mapped[str] = mapped_column(String(40), default="")
    details: Mapped[dict | None] = mapped_column(JSON)
