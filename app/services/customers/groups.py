"""Customer groups: create, rename, delete (customers stay, without the group)."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.collation import collated
from app.extensions import db
from app.models import Customer, CustomerGroup, customer_group_members
from app.process_cache import remembered
from app.services import clean_text
from app.services.names import same_name, unique_name
from app.services.scope import Scope

NAME_MAX = 100


def _unique_name(name: str, group: CustomerGroup | None) -> str:
    taken = _("A group with this name already exists.")
    return unique_name(CustomerGroup.name, name, group, NAME_MAX, taken, _("Enter a group name."))


def find_or_create_group(name: str) -> CustomerGroup:
    """The group with this name (any case), created if new."""
    name = clean_text("name", name, NAME_MAX, _("Enter a group name."))
    group = same_name(CustomerGroup.name, name)
    if group is None:
        group = CustomerGroup(name=name)
        db.session.add(group)
        db.session.flush()
    return group


def create_group(name: str) -> CustomerGroup:
    """Add a group; names are unique, ignoring case."""
    group = CustomerGroup(name=_unique_name(name, None))
    db.session.add(group)
    db.session.flush()
    return group


def rename_group(group: CustomerGroup, name: str) -> None:
    """Rename a group; the new name must be free."""
    group.name = _unique_name(name, group)
    db.session.flush()


def delete_group(group: CustomerGroup) -> None:
    """Delete a group; its customers remain, without it."""
    db.session.delete(group)
    db.session.flush()


def groups_with_counts(scope: Scope) -> list[tuple[CustomerGroup, int]]:
    """Every group and how many of its customers this person may see, by name in the
    reader's language."""
    members = customer_group_members
    counted = select(members.c.group_id, func.count().label("n")).join(
        Customer, Customer.id == members.c.customer_id
    )
    counts = scope.narrow(counted, Customer).group_by(members.c.group_id).subquery()
    rows = db.session.execute(
        select(CustomerGroup, func.coalesce(counts.c.n, 0)).outerjoin(
            counts, counts.c.group_id == CustomerGroup.id
        )
    )
    return collated([(group, count) for group, count in rows], lambda row: row[0].name)


def all_groups() -> list[CustomerGroup]:
    """Every group, by name in the reader's language."""
    return collated(db.session.scalars(select(CustomerGroup)), lambda g: g.name)


# A list's group filter: id and name, as rows (no CustomerGroup object per group).
_GROUP_CHOICES = select(CustomerGroup.id, CustomerGroup.name)


def group_choices() -> list:
    """Every group's id and name (a list's filter), by name in the reader's language."""
    rows = remembered("group_choices", lambda: db.session.execute(_GROUP_CHOICES).all())
    return collated(rows, lambda g: g.name)
