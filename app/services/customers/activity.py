"""The activity log of a customer: who changed what, and when."""

from sqlalchemy import select

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
