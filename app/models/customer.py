"""Customers: the companies the firm bills, with their addresses and preferences."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.group import customer_group_members
from app.models.types import UTCDateTime, utcnow


class Customer(db.Model):
    __tablename__ = "customers"
    # Never reuse the id of a deleted customer (an old bookmark must not open another one).
    # The list's name order with its tie-breaker (a deep page's ids come from the index alone).
    __table_args__ = (
        Index("ix_customers_company_key", "company_key", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company: Mapped[str] = mapped_column(String(200), index=True)
    # Lower-cased company without legal suffix or punctuation: finds likely duplicates.
    company_key: Mapped[str] = mapped_column(String(200), default="")
    vat_number: Mapped[str | None] = mapped_column(String(32), index=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    website: Mapped[str | None] = mapped_column(String(255))
    address: Mapped[str | None] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(100))
    zip: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(2))

    billing_street: Mapped[str | None] = mapped_column(String(500))
    billing_city: Mapped[str | None] = mapped_column(String(100))
    billing_state: Mapped[str | None] = mapped_column(String(100))
    billing_zip: Mapped[str | None] = mapped_column(String(20))
    billing_country: Mapped[str | None] = mapped_column(String(2))
    shipping_street: Mapped[str | None] = mapped_column(String(500))
    shipping_city: Mapped[str | None] = mapped_column(String(100))
    shipping_state: Mapped[str | None] = mapped_column(String(100))
    shipping_zip: Mapped[str | None] = mapped_column(String(20))
    shipping_country: Mapped[str | None] = mapped_column(String(2))

    currency_id: Mapped[int | None] = mapped_column(ForeignKey("currencies.id"), index=True)
    language: Mapped[str | None] = mapped_column(String(5))
    active: Mapped[bool] = mapped_column(default=True, index=True)
    # Off: no payment reminder is sent for its invoices (customer form, Advanced options).
    payment_reminders: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)
    # The customer's id in another system (the key an import may match on); unique when set.
    external_id: Mapped[str | None] = mapped_column(String(100), index=True, unique=True)

    currency = relationship("Currency")
    created_by = relationship("User")
    groups = relationship(
        "CustomerGroup", secondary=customer_group_members, order_by="CustomerGroup.name"
    )
    # The staff assigned to the customer (written through admin_links, read through admins).
    admin_links = relationship("CustomerAdmin", cascade="all, delete-orphan", passive_deletes=True)
    admins = relationship(
        "User",
        secondary="customer_admins",
        primaryjoin="Customer.id == CustomerAdmin.customer_id",
        secondaryjoin="CustomerAdmin.user_id == User.id",
        viewonly=True,
        order_by="User.name",
    )
    contacts = relationship(
        "Contact",
        back_populates="customer",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(Contact.is_primary.desc(), Contact.id)",
    )

    # Optimistic locking: an UPDATE that finds another version raises StaleDataError.
    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Customer {self.company}>"
