"""Settings stored in the database (typed by app.services.settings) and stored files."""

from datetime import datetime

from sqlalchemy import JSON, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.types import UTCDateTime, utcnow


class Setting(db.Model):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[object] = mapped_column(JSON, nullable=True)


class StoredFile(db.Model):
    """A small file every app server must see, such as the company logo."""

    __tablename__ = "stored_files"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # read when served
    mimetype: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class CacheVersion(db.Model):
    """The one row whose token changes with every write to what app processes keep in memory
    (settings, the logo, custom field definitions, groups, staff names): triggers of migration
    0046_cache_version write a new random token in the writer's own transaction."""

    __tablename__ = "cache_version"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    token: Mapped[str] = mapped_column(String(32))
