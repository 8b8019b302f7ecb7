"""What each customer owes or is owed in each currency, kept by the database itself.

Triggers on sales_documents (migration 0027_customer_balances) add and take away each open
invoice's and open credit note's amount left in the same transaction as the document's change,
whatever code path or SQL statement makes it. Amounts are whole ten-thousandths (the 4 decimals
of `Money`), so that sums are exact on SQLite too. The ageing report orders its customers here
instead of adding up every open invoice; `check-data` recomputes every row (check "balances").
"""

from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, Index, String, literal_column, or_, text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

UNITS = 10_000  # stored amounts are in ten-thousandths of the currency unit
LISTED_SQL = "open_invoices > 0 OR open_credits > 0"


class CustomerBalance(db.Model):
    __tablename__ = "customer_balances"
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    currency_code: Mapped[str] = mapped_column(String(3), primary_key=True)
    open_invoices: Mapped[int] = mapped_column(default=0)  # issued, not fully paid
    invoices_due: Mapped[int] = mapped_column(BigInteger, default=0)  # their amount due
    open_credits: Mapped[int] = mapped_column(default=0)  # credit notes with credit left
    credit_left: Mapped[int] = mapped_column(BigInteger, default=0)
    balance: Mapped[int] = mapped_column(BigInteger, default=0)  # invoices_due − credit_left


# The ageing report: customers owing or owed, largest balance first, per currency.
Index(
    "ix_customer_balances_ageing",
    CustomerBalance.currency_code,
    CustomerBalance.balance.desc(),
    CustomerBalance.customer_id,
    sqlite_where=text(LISTED_SQL),
    postgresql_where=text(LISTED_SQL),
)


def listed():
    """SQL: a balance with an open invoice or credit note (the partial index's condition,
    written with literals so that SQLite sees the index serves it)."""
    zero = literal_column("0")
    return or_(CustomerBalance.open_invoices > zero, CustomerBalance.open_credits > zero)


def amount(units: int) -> Decimal:
    """An amount of the currency from stored ten-thousandths."""
    return Decimal(units) / UNITS
