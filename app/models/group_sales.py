"""What each customer group's invoices add up to per currency and month, kept by the database.

Triggers (migration 0032_sales_summary) add and take away each counted invoice (issued, not
cancelled, in the month of its issue date) in every group of its customer, in the same
transaction as the invoice's change, and move a customer's invoices when it joins or leaves a
group; group 0 holds every invoice once, whatever its customer's groups. Amounts are whole
ten-thousandths, so sums are exact on SQLite too. The dashboard's top groups card adds up these
rows; `check-data` recomputes them (check "group_sales"). Rows of a deleted group are left at
zero."""

from datetime import date

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class GroupSales(db.Model):
    __tablename__ = "group_sales"
    group_id: Mapped[int] = mapped_column(primary_key=True)  # no foreign key: see above
    currency_code: Mapped[str] = mapped_column(String(3), primary_key=True)
    month: Mapped[date] = mapped_column(primary_key=True)  # its first day
    invoices: Mapped[int] = mapped_column(default=0)
    invoiced: Mapped[int] = mapped_column(BigInteger, default=0)  # ten-thousandths
    paid: Mapped[int] = mapped_column(BigInteger, default=0)


class CustomerYearSales(db.Model):
    """What a customer's invoices add up to in a currency and calendar year (issue date), kept
    by the same triggers; the groups report of a whole year joins these rows with the groups
    instead of grouping the year's invoices per customer. `check-data` check "group_sales"."""

    __tablename__ = "customer_year_sales"
    __table_args__ = {"sqlite_with_rowid": False}
    year: Mapped[int] = mapped_column(primary_key=True)
    currency_code: Mapped[str] = mapped_column(String(3), primary_key=True)
    customer_id: Mapped[int] = mapped_column(  # indexed: a customer's years (0045)
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    invoices: Mapped[int] = mapped_column(default=0)
    invoiced: Mapped[int] = mapped_column(BigInteger, default=0)  # ten-thousandths
    paid: Mapped[int] = mapped_column(BigInteger, default=0)


class GroupYearSales(db.Model):
    """What the customers of a group bring in a currency and calendar year: how many were
    invoiced, their invoices, amount invoiced and paid (a customer in two groups counts in
    both; group 0: the customers in no group). Kept by triggers on customer_year_sales and on
    the group memberships (migration 0045_groups_report); the groups report of a whole year
    reads these rows. `check-data` check "group_sales"."""

    __tablename__ = "group_year_sales"
    year: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(primary_key=True)  # no foreign key: 0 is no group
    currency_code: Mapped[str] = mapped_column(String(3), primary_key=True)
    customers: Mapped[int] = mapped_column(default=0)
    invoices: Mapped[int] = mapped_column(default=0)
    invoiced: Mapped[int] = mapped_column(BigInteger, default=0)  # ten-thousandths
    paid: Mapped[int] = mapped_column(BigInteger, default=0)
