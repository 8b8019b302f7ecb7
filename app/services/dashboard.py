"""Figures for the dashboard home page."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Contact, Customer


def dashboard_counts() -> dict[str, int]:
    """How many active customers and contacts the firm has."""
    return {
        "customers": db.session.scalar(
            select(func.count()).select_from(Customer).where(Customer.active)
        ),
        "contacts": db.session.scalar(
            select(func.count()).select_from(Contact).where(Contact.active)
        ),
    }
