"""Recurring invoices: a profile (customer, lines, schedule) that makes an invoice on each of its
dates, and the runs that made them (one row per profile and date: a run happens once)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.sales import Money
from app.models.sales_line import LineColumns, LineTaxColumns
from app.models.types import UTCDateTime, utcnow

INTERVAL_UNITS = ("day", "week", "month", "year")
END_TYPES = ("never", "until", "count")
RECURRING_MODES = ("draft", "send")


class RecurringInvoice(db.Model):
    """The profile: what each invoice holds and when the next one is made."""

    __tablename__ = "recurring_invoices"
    # The New form's key: a double click (or two posts at once) saves one profile.
    __table_args__ = (UniqueConstraint("form_key", name="uq_recurring_invoices_form_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    currency_code: Mapped[str] = mapped_column(String(3))
    currency_decimals: Mapped[int] = mapped_column(default=2)
    language: Mapped[str] = mapped_column(String(5))
    discount_type: Mapped[str] = mapped_column(String(10), default="none")
    discount_value: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    discount_before_tax: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str | None] = mapped_column(Text)
    terms: Mapped[str | None] = mapped_column(Text)
    # Each invoice's total as the profile stands (lists show it).
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    interval_count: Mapped[int] = mapped_column(default=1)
    interval_unit: Mapped[str] = mapped_column(String(5), default="month")
    start_date: Mapped[date]
    end_type: Mapped[str] = mapped_column(String(5), default="never")
    until_date: Mapped[date | None]
    max_count: Mapped[int | None]
    mode: Mapped[str] = mapped_column(String(5), default="draft")
    active: Mapped[bool] = mapped_column(default=True)
    # None once the schedule has ended.
    next_date: Mapped[date | None] = mapped_column(index=True)
    invoices_created: Mapped[int] = mapped_column(default=0)
    form_key: Mapped[str | None] = mapped_column(String(32))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    customer = relationship("Customer")
    items = relationship("RecurringItem", cascade="all, delete-orphan", passive_deletes=True,
                         order_by="RecurringItem.position")  # fmt: skip


class RecurringItem(LineColumns, db.Model):
    __tablename__ = "recurring_invoice_items"
    tax_model = "RecurringItemTax"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("recurring_invoices.id", ondelete="CASCADE"), index=True
    )


class RecurringItemTax(LineTaxColumns, db.Model):
    """A tax rate chosen for a line: each invoice takes the rate as it is on its day."""

    __tablename__ = "recurring_invoice_item_taxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("recurring_invoice_items.id", ondelete="CASCADE"), index=True
    )


class RecurringRun(db.Model):
    """The invoice a profile made for one of its dates; the unique pair makes each run happen
    once, whatever runs overlap. Deleting a profile drops these rows, never the invoices."""

    __tablename__ = "recurring_runs"
    __table_args__ = (UniqueConstraint("profile_id", "run_date", name="uq_recurring_runs_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("recurring_invoices.id", ondelete="CASCADE"))
    run_date: Mapped[date]
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("sales_documents.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
