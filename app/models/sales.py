"""Sales documents (invoices, estimates, proposals, credit notes), their tax rates, defaults and
numbering; their lines are in sales_line.py, their payments in payment.py."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow

DOCUMENT_KINDS = ("invoice", "estimate", "proposal", "credit")
INVOICE_STATUSES = ("draft", "unpaid", "partial", "paid", "cancelled")
# A credit note (kind "credit"): open while some of its amount is neither applied nor refunded.
CREDIT_NOTE_STATUSES = ("draft", "open", "closed")
ESTIMATE_STATUSES = ("draft", "sent", "accepted", "declined")
PROPOSAL_STATUSES = ("draft", "sent", "open", "revised", "accepted", "declined")
DISCOUNT_TYPES = ("none", "percent", "fixed")
Money = Numeric(18, 4)
# An opening balance (app/services/sales/opening.py): owed like an invoice, never a sale.
OPENING_KIND = "opening"
OWED_KINDS = ("invoice", OPENING_KIND)  # what customers owe: invoices and opening balances
# The rows the ageing report's partial indexes cover (queries repeat them as literals).
OPEN_INVOICES_SQL = "kind IN ('invoice', 'opening') AND status IN ('unpaid', 'partial')"
OPEN_CREDIT_SQL = "kind = 'credit' AND status = 'open'"


class TaxRate(db.Model):
    __tablename__ = "tax_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    percent: Mapped[Decimal] = mapped_column(Numeric(7, 3))


class NumberSequence(db.Model):
    """The last number given to each kind of document (incremented in the saving transaction);
    `kind` is "invoice", or "invoice:2026" when the prefix restarts the sequence each year."""

    __tablename__ = "number_sequences"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


class DocumentDefault(db.Model):
    """The notes and terms a new document of a kind starts with, in one language."""

    __tablename__ = "document_defaults"

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    language: Mapped[str] = mapped_column(String(5), primary_key=True)
    notes: Mapped[str | None] = mapped_column(Text)
    terms: Mapped[str | None] = mapped_column(Text)


class Document(db.Model):
    """An estimate or an invoice; what it was issued with is kept, whatever the customer becomes."""

    __tablename__ = "sales_documents"
    __table_args__ = (
        # A yearly sequence repeats `sequence` within a kind: the number itself is unique.
        UniqueConstraint("kind", "number", name="uq_sales_documents_kind_number"),
        Index("ix_sales_documents_kind_status_due", "kind", "status", "due_date"),
        # The staff lists' order (newest first, then id) with the status and due date beside
        # it: a status or overdue filter is checked in the index, and page 1 reads ~100 rows.
        Index("ix_sales_documents_list", "kind", "issue_date", "id", "status", "due_date"),
        # Covers the reports and list totals: they read the index, never the table.
        Index(
            "ix_sales_documents_report",
            "kind",
            "issue_date",
            "status",
            "customer_id",
            "currency_code",
            "total",
            "amount_paid",
        ),
        # The ageing report (app/services/statements/ageing.py): open invoices grouped by
        # currency and customer in index order, and the credit left per customer.
        Index(
            "ix_sales_documents_ageing",
            "currency_code",
            "customer_id",
            "due_date",
            "total",
            "amount_paid",
            "currency_decimals",
            sqlite_where=text(OPEN_INVOICES_SQL),
            postgresql_where=text(OPEN_INVOICES_SQL),
        ),
        # Its totals per currency and bucket: open invoices summed per due date in index order.
        Index(
            "ix_sales_documents_open_due",
            "currency_code",
            "due_date",
            "total",
            "amount_paid",
            sqlite_where=text(OPEN_INVOICES_SQL),
            postgresql_where=text(OPEN_INVOICES_SQL),
        ),
        Index(
            "ix_sales_documents_open_credit",
            "customer_id",
            "currency_code",
            "total",
            "amount_paid",
            "currency_decimals",
            sqlite_where=text(OPEN_CREDIT_SQL),
            postgresql_where=text(OPEN_CREDIT_SQL),
        ),
        # At most one opening balance per customer and currency (importing twice adds nothing).
        Index(
            "uq_sales_documents_opening",
            "customer_id",
            "currency_code",
            unique=True,
            sqlite_where=text(f"kind = '{OPENING_KIND}'"),
            postgresql_where=text(f"kind = '{OPENING_KIND}'"),
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    # None on a draft invoice: it takes its number when issued (app/services/sales/numbering.py).
    sequence: Mapped[int | None]
    number: Mapped[str | None] = mapped_column(String(40), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    issue_date: Mapped[date]
    due_date: Mapped[date | None]
    currency_code: Mapped[str] = mapped_column(String(3))
    currency_decimals: Mapped[int] = mapped_column(default=2)
    language: Mapped[str] = mapped_column(String(5))
    client_company: Mapped[str] = mapped_column(String(200))
    client_vat: Mapped[str | None] = mapped_column(String(32))
    billing_street: Mapped[str | None] = mapped_column(String(500))
    billing_city: Mapped[str | None] = mapped_column(String(100))
    billing_state: Mapped[str | None] = mapped_column(String(100))
    billing_zip: Mapped[str | None] = mapped_column(String(20))
    billing_country: Mapped[str | None] = mapped_column(String(2))
    include_shipping: Mapped[bool] = mapped_column(default=False)
    shipping_street: Mapped[str | None] = mapped_column(String(500))
    shipping_city: Mapped[str | None] = mapped_column(String(100))
    shipping_state: Mapped[str | None] = mapped_column(String(100))
    shipping_zip: Mapped[str | None] = mapped_column(String(20))
    shipping_country: Mapped[str | None] = mapped_column(String(2))
    discount_type: Mapped[str] = mapped_column(String(10), default="none")
    discount_value: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    discount_before_tax: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)  # proposals: sanitised HTML above the lines
    terms: Mapped[str | None] = mapped_column(Text)
    # Totals kept for lists and reports; always recomputed by app.services.sales.totals.
    subtotal: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    amount_paid: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    converted_to_id: Mapped[int | None] = mapped_column(ForeignKey("sales_documents.id"))
    # On a credit note: the invoice it was made from (its page links back).
    credited_invoice_id: Mapped[int | None] = mapped_column(
        ForeignKey("sales_documents.id", ondelete="SET NULL"), index=True
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    customer = relationship("Customer")
    items = relationship("DocumentItem", cascade="all, delete-orphan", passive_deletes=True,
                         order_by="DocumentItem.position")  # fmt: skip
    payments = relationship("Payment", cascade="all, delete-orphan", passive_deletes=True,
                            order_by="Payment.id", back_populates="document")  # fmt: skip

    @property
    def amount_due(self) -> Decimal:
        """An invoice's total less its payments and the credit applied to it; a credit note's
        total less what was applied and refunded (the credit left)."""
        return (self.total or Decimal(0)) - (self.amount_paid or Decimal(0))

    @property
    def payments_received(self) -> Decimal:
        """The money received (an invoice's payments; a credit note's refunds)."""
        return sum((p.amount for p in self.payments), Decimal(0))

    @property
    def credit_applied(self) -> Decimal:
        """On an invoice: what credit notes settled of it (its amount paid less its payments),
        read without a query; on another document: zero."""
        if self.kind != "invoice" or not self.amount_paid:
            return Decimal(0)
        return self.amount_paid - self.payments_received
