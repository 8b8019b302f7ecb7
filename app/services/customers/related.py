"""What a customer's pages list besides the customer: the primary contacts of listed customers,
a customer's contacts and its activity."""

from typing import NamedTuple

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import ActivityLog, Contact
from app.services.scope import Scope


class ListedContact(NamedTuple):
    """A customer's primary contact as lists show it: the columns they read, as a row (no
    ORM object to build and track per contact)."""

    id: int
    customer_id: int
    first_name: str
    last_name: str
    email: str
    phone: str | None

    full_name = property(Contact.full_name.fget)  # the same name as the contact's page


# Made once: a statement object keeps its cache key, so each page only binds its ids.
_PRIMARY_CONTACTS = select(
    Contact.id, Contact.customer_id, Contact.first_name, Contact.last_name, Contact.email,
    Contact.phone,
).where(Contact.customer_id.in_(bindparam("ids", expanding=True)), Contact.is_primary)  # fmt: skip


def primary_contacts(customer_ids: list[int]) -> dict[int, ListedContact]:
    """The primary contact of each listed customer, in one query."""
    if not customer_ids:
        return {}
    # On the session's connection: rows of columns need none of the ORM's execution steps.
    rows = db.session.connection().execute(_PRIMARY_CONTACTS, {"ids": list(customer_ids)})
    return {row.customer_id: ListedContact(*row) for row in rows}


def contacts_by_id(ids: list[int], scope: Scope) -> list[Contact]:
    """The contacts with these ids that this person may see."""
    return list(
        db.session.scalars(scope.narrow(select(Contact).where(Contact.id.in_(ids)), Contact))
    )


def customer_contacts(customer_id: int, scope: Scope) -> Select:
    """A customer's contacts (its tab): the primary one first."""
    query = select(Contact).where(Contact.customer_id == customer_id)
    return scope.narrow(query, Contact).order_by(Contact.is_primary.desc(), Contact.id)


def customer_activity(customer_id: int, scope: Scope) -> Select:
    """The changes to a customer and its contacts (its tab), newest first."""
    query = (
        select(ActivityLog)
        .where(ActivityLog.customer_id == customer_id)
        .options(selectinload(ActivityLog.user), selectinload(ActivityLog.contact))
    )
    return scope.narrow(query, ActivityLog).order_by(ActivityLog.id.desc())
