"""Figures for the dashboard home page: each answers a question and links to its list.

Every figure counts only what the asking person may see (their scope); a figure of a module
their role cannot view at all is None, and its card is not shown."""

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from app.extensions import db
from app.models import Customer, Document, Ticket
from app.services.reports import date_range, top_groups
from app.services.sales.status import open_invoice, shown_as
from app.services.scope import Scope


def _due_per_currency(scope: Scope, *conditions) -> list[tuple[str, object]]:
    """Sums of the open invoices per currency, from the partial covering index
    ix_sales_documents_open_due (currency, due date, total, amount paid): no table reads."""
    query = (
        select(Document.currency_code, func.sum(Document.total - Document.amount_paid))
        .where(open_invoice(), *conditions)
        .group_by(Document.currency_code).order_by(Document.currency_code)
    )  # fmt: skip
    return db.session.execute(scope.narrow(query, Document)).all()


def _count(scope: Scope, entity, *conditions) -> int:
    query = select(func.count()).select_from(entity).where(*conditions)
    return db.session.scalar(scope.narrow(query, entity))


def dashboard_figures(scope: Scope, today: date | None = None) -> dict:
    """Outstanding and overdue per currency, estimates awaiting an answer, open tickets,
    customers added this month, and the groups that bring most this year."""
    today = today or date.today()
    month_start = datetime(today.year, today.month, 1, tzinfo=UTC)
    figures = {"month_start": month_start.date().isoformat()}
    if scope.sees("invoices"):
        figures["outstanding"] = _due_per_currency(scope)
        # late_condition("overdue") in the index's words: an open invoice past its due date
        figures["overdue"] = _due_per_currency(scope, Document.due_date < today)
    if scope.sees("estimates"):
        figures["estimates"] = _count(scope, Document, Document.kind == "estimate",
                                      shown_as("sent", today))  # fmt: skip
    if scope.sees("support"):
        figures["open_tickets"] = _count(scope, Ticket, Ticket.status != "closed")
    if scope.sees("customers"):
        figures["new_customers"] = _count(scope, Customer, Customer.created_at >= month_start)
    if scope.sees("reports"):
        _preset, start, end = date_range("this_year", None, None, today)
        figures["top_groups"] = top_groups(start, end, scope=scope, currencies=4, groups=3)
    return figures
