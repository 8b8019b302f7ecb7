"""The customer list's rows: the columns it shows and each customer's groups, read as rows (no
ORM object to build, track and load relationships for: a page of 25 customers and their groups
cost more as objects than the page's SQL)."""

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, select

from app.extensions import db
from app.models import Customer, CustomerGroup, customer_group_members

# The customer columns the list shows, in ListedCustomer's order.
LISTED = (Customer.id, Customer.company, Customer.phone, Customer.active, Customer.created_at)


class ListedGroup(NamedTuple):
    """A customer's group as the list shows it."""

    id: int
    name: str


class ListedCustomer(NamedTuple):
    """A customer as the list shows it: its columns and its groups (by name, as Customer.groups)."""

    id: int
    company: str
    phone: str | None
    active: bool
    created_at: datetime
    groups: tuple[ListedGroup, ...] = ()


# Made once: a statement object keeps its cache key, so each page only binds its ids.
_GROUPS = (
    select(customer_group_members.c.customer_id, CustomerGroup.id, CustomerGroup.name)
    .join(CustomerGroup, CustomerGroup.id == customer_group_members.c.group_id)
    .where(customer_group_members.c.customer_id.in_(bindparam("ids", expanding=True)))
    .order_by(CustomerGroup.name)
)


def listed_customers(rows) -> list[ListedCustomer]:
    """`rows` (LISTED's columns, in the list's order) with their groups, read in one query."""
    rows = list(rows)
    groups: dict[int, list[ListedGroup]] = {}
    if rows:
        # On the session's connection: rows of columns need none of the ORM's execution steps.
        found = db.session.connection().execute(_GROUPS, {"ids": [row[0] for row in rows]})
        for customer_id, group_id, name in found:
            groups.setdefault(customer_id, []).append(ListedGroup(group_id, name))
    return [ListedCustomer(*row, tuple(groups.get(row[0], ()))) for row in rows]
