"""A sales document's lines and their taxes, built from the columns a recurring invoice's lines
share with them."""

from decimal import Decimal
from typing import ClassVar

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from app.extensions import db
from app.models.sales import Money


class LineColumns:
    """The columns a line shares with a recurring invoice's line; each line table keeps its own id
    and parent key, and names its tax model in `tax_model`."""

    tax_model: ClassVar[str]

    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(String(300))
    long_description: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 3))
    unit: Mapped[str | None] = mapped_column(String(20))
    rate: Mapped[Decimal] = mapped_column(Money)

    @declared_attr
    def taxes(cls):
        # Totals, pages and PDFs read every line's taxes: one query for all lines, not one per line.
        return relationship(cls.tax_model, cascade="all, delete-orphan", passive_deletes=True,
                            order_by=f"{cls.tax_model}.id", lazy="selectin")  # fmt: skip


class LineTaxColumns:
    """The columns a line's tax shares with a recurring invoice line's tax: the rate chosen, its
    name and percent; each tax table keeps its own id and line key."""

    tax_rate_id: Mapped[int | None] = mapped_column(ForeignKey("tax_rates.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(50))
    percent: Mapped[Decimal] = mapped_column(Numeric(7, 3))


class DocumentItem(LineColumns, db.Model):
    __tablename__ = "sales_document_items"
    tax_model = "DocumentItemTax"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("sales_documents.id", ondelete="CASCADE"), index=True
    )


class DocumentItemTax(LineTaxColumns, db.Model):
    """A tax as applied to a line: name and percent copied, so editing the rate changes nothing."""

    __tablename__ = "sales_document_item_taxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("sales_document_items.id", ondelete="CASCADE"), index=True
    )
