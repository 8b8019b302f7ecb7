"""Figures for the dashboard home page: each answers a question and links to its list.

Every figure counts only what the asking person may see (their scope); a figure of a module
their role cannot view at all is None, and its card is not shown."""

from datetime import UTC, date, datetime

from sqlalchemy import case, func, select

from app.extensions import db
from app.models import Customer, Document, DocumentTally, Ticket
from app.models.balance import amount
from app.models.sales import OPENING_KIND, OWED_KINDS
from app.services.reports import date_range, top_groups
from app.services.sales.queries import sees_every_document
from app.services.sales.status import UNPAID, open_invoice, shown_as
from app.services.scope import Scope


def _due_per_currency(scope: Scope, today: date) -> tuple[list[tuple], ...]:
    """(outstanding, overdue, openings): the amounts due of the open invoices (opening balances
    too) per currency, of those past their due date, and of the opening balances alone (the
    invoice list the card opens does not show them). For someone who sees every invoice, from
    the document tallies (a few rows per due date, whatever the number of invoices); otherwise
    in one pass over the partial covering index ix_sales_documents_open_due (currency, due
    date, total, amount paid) narrowed to their invoices. A currency without a late invoice has
    no overdue figure."""
    if sees_every_document("invoice", scope):
        return _due_from_tallies(today)
    due = Document.total - Document.amount_paid
    query = (
        select(Document.currency_code, func.sum(due),
               func.sum(case((Document.due_date < today, due))),
               func.sum(case((Document.kind == OPENING_KIND, due))))
        .where(open_invoice())
        .group_by(Document.currency_code).order_by(Document.currency_code)
    )  # fmt: skip
    rows = db.session.execute(scope.narrow(query, Document)).all()
    return ([(code, amount) for code, amount, _late, _open in rows],
            [(code, late) for code, _amount, late, _open in rows if late is not None],
            [(code, opening) for code, _amount, _late, opening in rows if opening])  # fmt: skip


def _due_from_tallies(today: date) -> tuple[list[tuple], list[tuple]]:
    """_due_per_currency over every invoice, read from the tallies (an invoice without a due
    date is tallied under a date that is never past)."""
    tally = DocumentTally
    rows = db.session.execute(
        select(tally.currency_code, func.sum(tally.remaining),
               func.sum(case((tally.due_date < today, tally.remaining))),
               func.sum(case((tally.kind == OPENING_KIND, tally.remaining))))
        .where(tally.kind.in_(OWED_KINDS), tally.status.in_(UNPAID), tally.documents > 0)
        .group_by(tally.currency_code).order_by(tally.currency_code)
    ).all()  # fmt: skip
    return ([(code, amount(left)) for code, left, _late, _open in rows],
            [(code, amount(late)) for code, _left, late, _open in rows if late is not None],
            [(code, amount(opened)) for code, _left, _late, opened in rows if opened])  # fmt: skip


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
        figures["outstanding"], figures["overdue"], figures["openings"] = _due_per_currency(
            scope, today
        )
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
