"""Search terms of customers: one row per word, so prefix search uses an index everywhere."""

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

# Byte-wise ordering on PostgreSQL (as SQLite's BINARY) so a range scan finds every prefix.
TermType = String(120).with_variant(String(120, collation="C"), "postgresql")


class CustomerSearchTerm(db.Model):
    __tablename__ = "customer_search_terms"
    # (term, customer_id) finds the customers of a prefix; (customer_id, term) checks in one
    # seek whether a customer has a word starting with a prefix (a search's other words);
    # (term, company_key, customer_id) lists a word's customers in the list's order, so a
    # common word's page stops after the page wherever its customers sort.
    __table_args__ = (
        Index("ix_customer_search_terms_customer_term", "customer_id", "term"),
        Index("ix_customer_search_terms_term_company", "term", "company_key", "customer_id"),
    )

    term: Mapped[str] = mapped_column(TermType, primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    # A copy of the customer's company_key (written with the terms: every rename reindexes).
    company_key: Mapped[str] = mapped_column(String(200))
