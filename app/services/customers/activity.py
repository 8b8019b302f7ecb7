"""The activity log of a customer: who changed what, and when."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import ActivityLog, Contact, Customer, User


def log_activity(
    customer: Customer,
    user: User | None,
    action: str,
    changes: dict | None = None,
    subject: str | None = None,
    contact: Contact | None = None,
) -> None:
    """Record one change by a staff `user` (or a portal `contact`, or the system when neither);
    `changes` maps a field to [old, new]."""
    db.session.add(
        ActivityLog(
            customer_id=customer.id,
            user_id=user.id if user else None,
            contact_id=contact.id if contact else None,
            action=action,
            version=customer.version,
            subject=(subject or "")[:200] or None,
            changes=changes or None,
        )
    )


def recent_activity(customer_id: int, limit: int = 50) -> list[ActivityLog]:
    """The latest changes to a customer and its contacts, newest first."""
    return list(
        db.session.scalars(
            select(ActivityLog)
            .where(ActivityLog.customer_id == customer_id)
            .options(selectinload(ActivityLog.user), selectinload(ActivityLog.contact))
            .order_by(ActivityLog.id.desc())
            .limit(limit)
        )
    )


def changes_since(customer_id: int, version: int) -> list[ActivityLog]:
    """Profile changes saved after `version`: what a conflicting editor needs to see."""
    return list(
        db.session.scalars(
            select(ActivityLog)
            .where(
                ActivityLog.customer_id == customer_id,
                ActivityLog.action == "customer.updated",
                ActivityLog.version > version,
            )
            .order_by(ActivityLog.id)
        )
    )
