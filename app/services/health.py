"""What /healthz reports: each check is a status word and, where it helps, a number. Nothing
else (no names, versions or errors) leaves the server; the failures are logged."""

from datetime import datetime

from flask import current_app
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import OutboxMessage
from app.models.types import utcnow
from app.services.schema_version import code_head, database_revision


def _database() -> dict:
    db.session.execute(text("SELECT 1"))
    return {"ok": True}


def _migrations() -> dict:
    current = database_revision(db.session.connection())
    return {"ok": current == code_head()}


def _queue() -> dict:
    waiting = current_app.extensions["huey"].storage.queue_size()
    return {"ok": True, "waiting": int(waiting)}


def _outbox() -> dict:
    oldest = db.session.scalar(
        select(func.min(OutboxMessage.created_at)).where(OutboxMessage.sent_at.is_(None))
    )
    if isinstance(oldest, datetime) and oldest.tzinfo is None:  # a raw value, as stored
        oldest = oldest.replace(tzinfo=utcnow().tzinfo)
    age = max(0, int((utcnow() - oldest).total_seconds())) if oldest else 0
    return {"ok": age <= current_app.config["HEALTH_OUTBOX_MAX_AGE"], "oldest_unsent_seconds": age}


CHECKS = {"database": _database, "migrations": _migrations, "queue": _queue, "outbox": _outbox}


def health() -> tuple[bool, dict]:
    """Run every check (each on its own: one failing does not hide the others)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:
            current_app.logger.exception("Health check %s failed", name)
            try:
                db.session.rollback()
            except Exception:  # the database is what failed
                db.session.remove()
            results[name] = {"ok": False}
    healthy = all(result["ok"] for result in results.values())
    return healthy, {"status": "ok" if healthy else "unhealthy", "checks": results}
