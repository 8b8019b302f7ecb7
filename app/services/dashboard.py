"""Figures for the dashboard home page: each answers a question and links to its list."""

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from app.extensions import db
from app.models import Customer, Document, Ticket
from app.services.reports import date_range, groups_report
from app.services.sales.status import UNPAID, late_condition, shown_as


def _due_per_currency(*conditions) -> list[tuple[str, object]]:
    return db.session.execute(
        select(Document.currency_code, func.sum(Document.total - Document.amount_paid))
        .where(Document.kind == "invoice", Document.status.in_(UNPAID), *conditions)
        .group_by(Document.currency_code).order_by(Document.currency_code)
    ).all()  # fmt: skip


def dashboard_figures(today: date | None = None) -> dict:
    """Outstanding and overdue per currency, estimates awaiting an answer, open tickets,
    customers added this month, and the groups that bring most this year."""
    today = today or date.today()
    month_start = datetime(today.year, today.month, 1, tzinfo=UTC)
    _preset, start, end = date_range("this_year", None, None, today)
    reports = groups_report(start, end)
    return {
        "outstanding": _due_per_currency(),
        "overdue": _due_per_currency(late_condition("overdue", today)),
        "estimates": db.session.scalar(
            select(func.count()).select_from(Document).where(
                Document.kind == "estimate", shown_as("sent", today))),
        "open_tickets": db.session.scalar(
            select(func.count()).select_from(Ticket).where(Ticket.status != "closed")),
        "new_customers": db.session.scalar(
            select(func.count()).select_from(Customer).where(Customer.created_at >= month_start)),
        "top_groups": [(report.currency, [r for r in report.rows if r.name][:3])
                       for report in reports[:4]],
        "month_start": month_start.date().isoformat(),
    }  # fmt: skip
