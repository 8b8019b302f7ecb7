"""Customer groups, used to sort customers and report by group."""

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

customer_group_members = Table(
    "customer_group_members",
    db.metadata,
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "group_id",
        ForeignKey("customer_groups.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class CustomerGroup(db.Model):
    __tablename__ = "customer_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)

    def __repr__(self) -> str:
        return f"<CustomerGroup {self.name}>"
