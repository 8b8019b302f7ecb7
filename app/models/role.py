"""Roles: named sets of capabilities (module, action) given to staff members."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class Role(db.Model):
    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A shipped role's key (app/roles.py BUILT_IN); None for a role an administrator made.
    key: Mapped[str | None] = mapped_column(String(40), unique=True)
    # None: a shipped role's name, in the reader's language.
    name: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    permissions = relationship(
        "RolePermission", cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )

    @property
    def is_administrator(self) -> bool:
        from app.roles import ADMINISTRATOR

        return self.key == ADMINISTRATOR

    @property
    def display_name(self) -> str:
        from app.roles import BUILT_IN_NAMES

        if self.name:
            return self.name
        return str(BUILT_IN_NAMES.get(self.key, self.key or ""))

    def granted(self) -> frozenset[tuple[str, str]]:
        """The (module, action) pairs this role holds (the Administrator role: see `allows`)."""
        # Not loaded in this session (a request's sign-in leaves them out): what this process
        # keeps under the cache version's token (migration 0047), so that a staff member's
        # request reads no permissions. Loaded or being changed: this transaction's own rows.
        if self.id is None or "permissions" in inspect(self).dict:
            return self._held()
        from app.process_cache import remembered

        return remembered(("role_granted", self.id), self._held)

    def _held(self) -> frozenset[tuple[str, str]]:
        """The pairs of this session's rows (read now when not loaded yet)."""
        return frozenset((p.module, p.action) for p in self.permissions)

    def allows(self, module: str, action: str) -> bool:
        """Whether the role holds the capability; "view" is view all or view own."""
        if self.is_administrator:
            return True
        granted = self.granted()
        if action == "view":
            return (module, "view_all") in granted or (module, "view_own") in granted
        return (module, action) in granted

    def __repr__(self) -> str:
        return f"<Role {self.key or self.name}>"


class RolePermission(db.Model):
    __tablename__ = "role_permissions"

    role_id: Mapped[int] = mapped_column(
        ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True
    )
    module: Mapped[str] = mapped_column(String(20), primary_key=True)
    action: Mapped[str] = mapped_column(String(20), primary_key=True)
