"""How many documents of each kind, status, currency and due date there are, and their amounts,
kept by the database itself.

Triggers on sales_documents (migration 0031_invoice_list) move each document's count and
amounts from its old row to its new one in the same transaction as the document's change,
whatever code path or SQL statement makes it. The staff lists read their page count and their
totals per currency here when only a status filters them (instead of adding up every document);
`check-data` recomputes every row (check "tallies"). Amounts are whole ten-thousandths (the 4
decimals of `Money`), so that sums are exact on SQLite too.
"""

from datetime import date

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

# A document without a due date is counted under this one: it is never before today, so it
# is never late, as `effective_status` says (and a primary key cannot hold NULL).
NO_DUE_DATE = date(9999, 12, 31)


class DocumentTally(db.Model):
    __tablename__ = "document_tallies"
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    currency_code: Mapped[str] = mapped_column(String(3), primary_key=True)
    due_date: Mapped[date] = mapped_column(primary_key=True)
    documents: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(BigInteger, default=0)  # the documents' totals
    remaining: Mapped[int] = mapped_column(BigInteger, default=0)  # totals less amounts paid


class CustomerCount(db.Model):
    """How many customers are active and how many are not, in one row (id 1) kept by triggers
    on customers (migration 0048_customer_counts; on PostgreSQL they run as the transaction
    commits): the customer list's count when nothing but "active" filters it."""

    __tablename__ = "customer_counts"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    active: Mapped[int] = mapped_column(default=0)
    inactive: Mapped[int] = mapped_column(default=0)
