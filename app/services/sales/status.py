"""The status people see on a document, from one rule read both in Python and in SQL."""

from datetime import date

from sqlalchemy import and_, literal_column, not_, or_

from app.models import Document
from app.models.sales import OWED_KINDS

UNPAID = ("unpaid", "partial")  # invoices still to be paid
AWAITING_ANSWER = ("sent", "open", "revised")  # estimates and proposals; expired once late
# The status shown instead of the stored one once the due (valid-until) date has passed:
# shown status -> (document kinds, stored statuses it replaces).
LATE = {
    "overdue": (OWED_KINDS, UNPAID),
    "expired": (("estimate", "proposal"), AWAITING_ANSWER),
}


def effective_status(document: Document, today: date | None = None) -> str:
    """The status people see: unpaid invoices past due are overdue, old estimates expired."""
    today = today or date.today()
    if document.due_date is not None and document.due_date < today:
        for shown, (kinds, statuses) in LATE.items():
            if document.kind in kinds and document.status in statuses:
                return shown
    return document.status


def late_condition(shown: str, today: date, of=Document):
    """SQL: the documents that effective_status shows as `shown` ('overdue' or 'expired');
    `of`: another entity with the same kind, status and due_date columns (DocumentTally)."""
    kinds, statuses = LATE[shown]
    # No "due_date IS NOT NULL" here: `<` already leaves such rows out, and the extra term makes
    # SQLite sort every late invoice instead of walking the list's date index (1.9x slower).
    return and_(of.kind.in_(kinds), of.status.in_(statuses), of.due_date < today)


def open_invoice(document=Document):
    """SQL: an invoice (or opening balance) still to be paid, written with literals so that the
    partial indexes of
    the open invoices (ix_sales_documents_ageing, ix_sales_documents_open_due: the same
    condition) can serve it: SQLite uses a partial index only when it can prove the WHERE
    implies the index's, which it cannot with bound parameters."""
    return and_(document.kind.in_([literal_column(f"'{k}'") for k in OWED_KINDS]),
                document.status.in_([literal_column(f"'{s}'") for s in UNPAID]))  # fmt: skip


def shown_as(status: str, today: date, of=Document):
    """SQL: the documents whose effective_status is `status`, stored or late (`of`: as in
    late_condition)."""
    if status in LATE:
        return late_condition(status, today, of)
    turns_late = [late_condition(shown, today, of) for shown, (_k, s) in LATE.items()
                  if status in s]  # fmt: skip
    # NOT of a comparison with NULL is NULL, not true: a document without a due date never turns.
    not_late = [or_(of.due_date.is_(None), not_(c)) for c in turns_late]
    return and_(of.status == status, *not_late)
