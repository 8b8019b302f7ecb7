"""Search terms of customers: one row per word, so prefix search uses an index everywhere."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

# Byte-wise ordering on PostgreSQL (as SQLite's BINARY) so a range scan finds every prefix.
TermType = String(120).with_variant(String(120, collation="C"), "postgresql")


class CustomerSearchTerm(db.Model):
    __tablename__ = "customer_search_terms"

    term: Mapped[str] = mapped_column(TermType, primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
