"""Who is asking for a list or a record, and the rows that person may see."""

from dataclasses import dataclass

from sqlalchemy import Select

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
        column = Customer.id if entity is Customer else entity.customer_id
        return query.where(column == self.customer_id)


def scope_of(person) -> Scope:
    """The scope of the signed-in staff member or portal contact."""
    if getattr(person, "kind", None) == "contact":
        return Scope(user=person, customer_id=person.customer_id)
    return Scope(user=person)
