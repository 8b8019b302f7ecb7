"""Staff members: the people who sign into the dashboard."""

import secrets
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.role import Role
from app.models.session import SignedIn
from app.models.types import UTCDateTime, utcnow


def new_session_token() -> str:
    """A random value that, once replaced, signs out every session and remember-me cookie."""
    return secrets.token_hex(16)


class User(SignedIn, UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(5))
    # None: the time zone of Settings -> Localization.
    timezone: Mapped[str | None] = mapped_column(String(64))
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The calendar feed: its secret is derived from this value (services/calendar/links.py)
    # and found again by its SHA-256 digest; a new value (Regenerate) retires the old link.
    calendar_nonce: Mapped[str | None] = mapped_column(String(32))
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)

    role = relationship(Role, lazy="joined")

    kind = "staff"

    @hybrid_property
    def is_admin(self) -> bool:
        """Whether the member holds the Administrator role (every capability)."""
        return self.role is not None and self.role.is_administrator

    @is_admin.inplace.expression
    @classmethod
    def _is_admin_expression(cls):
        from app.roles import ADMINISTRATOR

        return cls.role_id == select(Role.id).where(Role.key == ADMINISTRATOR).scalar_subquery()

    def can(self, module: str, action: str) -> bool:
        """Whether this member's role grants `action` on `module` ("view": all or own)."""
        return self.role is not None and self.role.allows(module, action)

    def __eq__(self, other) -> bool:  # the same person, whichever session loaded them
        return self is other or (
            isinstance(other, User) and self.id is not None and self.id == other.id
        )

    __hash__ = object.__hash__

    @property
    def is_active(self) -> bool:
        return self.active

    def set_password(self, password: str) -> None:
        """Hash with the configured KDF (scrypt) and end every other session."""
        from app.services.sessions import end_other_sessions

        method = current_app.config["PASSWORD_HASH_METHOD"]
        self.password_hash = generate_password_hash(password, method=method)
        self.session_token = new_session_token()
        end_other_sessions(self)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email}>"
