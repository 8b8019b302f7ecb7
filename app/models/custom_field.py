"""Custom fields: fields an administrator adds to an entity (customers, contacts) without a
schema change. One typed values table holds every value; a "several choices" field keeps one
row per chosen choice (its key in value_text), so a choice filter is the same indexed equality
as a "one choice" filter and no list-in-a-column has to be parsed."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.search import TermType
from app.models.types import UTCDateTime, utcnow

CUSTOM_ENTITIES = (
    "customer",
    "contact",
    "invoice",
    "estimate",
    "proposal",
    "contract",
    "project",
    "ticket",
)
FIELD_TYPES = ("text", "long_text", "number", "date", "yes_no", "choice", "choices", "link")


class CustomFieldDefinition(db.Model):
    __tablename__ = "custom_field_definitions"
    __table_args__ = (UniqueConstraint("entity_type", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(20))  # CUSTOM_ENTITIES
    # Stable: merge fields ({{ customer.custom.<key> }}) and export headers name the field by it.
    key: Mapped[str] = mapped_column(String(40))
    labels: Mapped[dict] = mapped_column(JSON)  # {language: label}; the default one always set
    field_type: Mapped[str] = mapped_column(String(20))  # FIELD_TYPES
    required: Mapped[bool] = mapped_column(default=False)
    section: Mapped[str] = mapped_column(String(20))  # a section of the entity's form
    in_lists: Mapped[bool] = mapped_column(default=False)
    searchable: Mapped[bool] = mapped_column(default=False)
    on_pdf: Mapped[bool] = mapped_column(default=False)
    in_portal: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    choices = relationship(
        "CustomFieldChoice",
        order_by="CustomFieldChoice.position",
        cascade="all, delete-orphan",
        back_populates="field",
    )


class CustomFieldChoice(db.Model):
    __tablename__ = "custom_field_choices"
    __table_args__ = (UniqueConstraint("field_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    field_id: Mapped[int] = mapped_column(
        ForeignKey("custom_field_definitions.id", ondelete="CASCADE")
    )
    key: Mapped[str] = mapped_column(String(40))  # stable: renaming the label keeps the values
    labels: Mapped[dict] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(default=0)

    field = relationship("CustomFieldDefinition", back_populates="choices")


class CustomFieldValue(db.Model):
    __tablename__ = "custom_field_values"
    __table_args__ = (
        Index("ix_custom_field_values_record", "entity_type", "record_id"),
        Index("ix_custom_field_values_text", "field_id", "value_text"),
        Index("ix_custom_field_values_number", "field_id", "value_number"),
        Index("ix_custom_field_values_date", "field_id", "value_date"),
        Index("ix_custom_field_values_bool", "field_id", "value_bool"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int]  # a customer's or contact's id (removed with it by the services)
    field_id: Mapped[int] = mapped_column(
        ForeignKey("custom_field_definitions.id", ondelete="CASCADE")
    )
    value_text: Mapped[str | None] = mapped_column(Text)
    value_number: Mapped[Decimal | None] = mapped_column(Numeric(24, 6))
    value_date: Mapped[date | None]
    value_bool: Mapped[bool | None]


class CustomFieldTerm(db.Model):
    """The words of a text field's values (folded as the customer search folds them), one row
    per field, word and record: a text filter is a prefix range on (field_id, term), an index
    seek on every database, instead of reading every value of the field."""

    __tablename__ = "custom_field_terms"
    # A record's words of a field, found to be replaced when its value changes.
    __table_args__ = (Index("ix_custom_field_terms_record", "record_id", "field_id"),)

    field_id: Mapped[int] = mapped_column(
        ForeignKey("custom_field_definitions.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(TermType, primary_key=True)
    record_id: Mapped[int] = mapped_column(primary_key=True)  # of the field's entity
