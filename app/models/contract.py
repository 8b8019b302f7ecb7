"""Contracts and their types."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.types import UTCDateTime, utcnow

CONTRACT_STATUSES = ("draft", "sent", "signed")  # "expired" is derived from the end date


class ContractType(db.Model):
    __tablename__ = "contract_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Contract(db.Model):
    __tablename__ = "contracts"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(  # only drafts go with it: see delete_customer
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    type_id: Mapped[int | None] = mapped_column(
        ForeignKey("contract_types.id", ondelete="SET NULL")
    )
    subject: Mapped[str] = mapped_column(String(200))
    value: Mapped[Decimal] = mapped_column(Numeric(18, 4), default=Decimal(0))
    currency_code: Mapped[str] = mapped_column(String(3))
    start_date: Mapped[date]
    end_date: Mapped[date | None] = mapped_column(index=True)
    content: Mapped[str] = mapped_column(Text, default="")  # sanitised HTML
    status: Mapped[str] = mapped_column(String(10), default="draft")
    signed_name: Mapped[str | None] = mapped_column(String(200))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_ip: Mapped[str | None] = mapped_column(String(64))
    signed_by_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL")
    )
    # What the signed contract named, kept as signed whatever later renames.
    signed_company: Mapped[str | None] = mapped_column(String(200))
    signed_type_name: Mapped[str | None] = mapped_column(String(100))
    renewed_from_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    customer = relationship("Customer")
    type = relationship("ContractType")
    signed_by = relationship("Contact")

    @property
    def company_name(self) -> str:
        """The customer's name as the contract shows it: kept from the signature once signed."""
        if self.status == "signed" and self.signed_company:
            return self.signed_company
        return self.customer.company

    @property
    def type_name(self) -> str | None:
        if self.status == "signed" and self.signed_company:  # the names were kept together
            return self.signed_type_name
        return self.type.name if self.type else None
