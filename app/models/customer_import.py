"""Customer imports: an uploaded file, how its columns map, what a run did (so Undo can undo it)."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow

IMPORT_STATUSES = ("mapping", "checking", "checked", "running", "done", "failed", "undone")
IMPORT_KEYS = ("vat_number", "contact_email", "external_id")


class CustomerImport(db.Model):
    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(20), default="mapping", index=True)
    # [target or None] per column, and the options: key, defaults, date format, number style...
    mapping: Mapped[list | None] = mapped_column(JSON)
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    # 1 while this import writes (runs or is undone), else NULL: unique, so one at a time.
    writing: Mapped[int | None] = mapped_column(unique=True)
    total_rows: Mapped[int] = mapped_column(default=0)
    rows_done: Mapped[int] = mapped_column(default=0)
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    refused: Mapped[int] = mapped_column(default=0)
    # The dry run's refused rows [[row number, reason], ...] (the run's are the same rows).
    refusals: Mapped[list | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Customers Undo left because someone changed them since: [[id, company], ...]
    undo_kept: Mapped[list | None] = mapped_column(JSON)

    user = relationship("User")


class ImportChange(db.Model):
    """One customer or contact an import created or changed; `before`: the values it replaced
    (a created record has none), `version`: the customer's version the import left."""

    __tablename__ = "import_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(10))  # created / updated
    before: Mapped[dict | None] = mapped_column(JSON)
    version: Mapped[int | None]
