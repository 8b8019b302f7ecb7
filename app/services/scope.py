"""Who is asking for a list or a record, and the rows that person may see."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import Select, false, select

from app.extensions import db
from app.models import Customer


@dataclass(frozen=True)
class Scope:
    """Staff see every row today; a portal contact sees their own customer's rows only.

    Every list and record query takes one and calls `narrow`: roles and "view own" for staff
    are added in `narrow` (per entity, from `user`) without touching the queries."""

    user: object | None = None
    customer_id: int | None = None

    def narrow(self, query: Select, entity) -> Select:
        """`query` (rows of `entity`) limited to what this person may see."""
        if self.customer_id is None:
            return query  # staff: everything, until roles arrive
        if entity is Customer:
            return query.where(Customer.id == self.customer_id)
        if not hasattr(entity, "customer_id"):
            return query.where(false())  # settings rows (taxes, departments…) are staff-only
        return query.where(entity.customer_id == self.customer_id)

    @property
    def sees_internal(self) -> bool:
        """Whether internal notes (tickets' staff-only replies) are visible: staff only."""
        return self.customer_id is None

    def get(self, entity, record_id: int, query: Select | None = None):
        """The `entity` row with this id when this person may see it (among `query`'s rows,
        every row by default), else None."""
        query = select(entity) if query is None else query
        return db.session.scalar(self.narrow(query.where(entity.id == record_id), entity))

    def get_or_404(self, entity, record_id: int, query: Select | None = None):
        """As `get`, but 404 when the row is missing or not this person's to see."""
        found = self.get(entity, record_id, query)
        if found is None:
            abort(404)
        return found


def scope_of(person) -> Scope:
    """The scope of the signed-in staff member or portal contact."""
    if getattr(person, "kind", None) == "contact":
        return Scope(user=person, customer_id=person.customer_id)
    return Scope(user=person)
