"""The customer list: its filters, sorts and query; the chooser; primary contacts."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import ActivityLog, Contact, Customer, CustomerAdmin, customer_group_members
from app.services.customers.search import matching_ids
from app.services.lists import Sorts, day, id_arg, search_text
from app.services.scope import Scope

# The company sorts on its folded key: the same order on SQLite and PostgreSQL, any case.
SORTS = Sorts(
    {
        "company": (Customer.company_key, Customer.id),
        "-company": (Customer.company_key.desc(), Customer.id.desc()),
        "created": (Customer.created_at, Customer.id),
        "-created": (Customer.created_at.desc(), Customer.id.desc()),
    },
    default="company",
)


@dataclass
class CustomerFilters:
    q: str = ""
    group_id: int | None = None
    active: bool | None = None
    sort: str = SORTS.default
    created_from: date | None = None
    admin: str = ""  # "me" or a staff member's id, as in the URL
    admin_id: int | None = None  # the staff member it names

    @classmethod
    def from_args(cls, args, me: int | None = None) -> "CustomerFilters":
        """Read ?q=&group=&active=&since=&admin=&sort= leniently: anything unknown is ignored
        (`admin=me` names `me`, the asking staff member's id)."""
        admin_id = me if args.get("admin") == "me" else id_arg(args, "admin")
        admin = "" if admin_id is None else ("me" if args.get("admin") == "me" else str(admin_id))
        return cls(
            admin=admin,
            admin_id=admin_id,
            q=search_text(args),
            group_id=id_arg(args, "group"),
            active={"1": True, "0": False}.get(args.get("active", "")),
            sort=SORTS.key(args.get("sort")),
            created_from=day(args.get("since")),
        )

    def as_args(self) -> dict:
        """The non-default filters as URL arguments."""
        args = {"q": self.q, "group": self.group_id or "", "sort": self.sort}
        args["active"] = {True: "1", False: "0"}.get(self.active, "")
        args["since"] = self.created_from.isoformat() if self.created_from else ""
        args["admin"] = self.admin
        return {k: v for k, v in args.items() if v and not (k == "sort" and v == SORTS.default)}

    def conditions(self) -> list:
        """SQL conditions for these filters."""
        conditions = []
        conditions.extend(Customer.id.in_(ids) for ids in matching_ids(self.q))
        if self.group_id:
            conditions.append(
                Customer.id.in_(
                    select(customer_group_members.c.customer_id).where(
                        customer_group_members.c.group_id == self.group_id
                    )
                )
            )
        if self.admin_id:
            admins = select(CustomerAdmin.customer_id).where(CustomerAdmin.user_id == self.admin_id)
            conditions.append(Customer.id.in_(admins))
        if self.active is not None:
            conditions.append(Customer.active.is_(self.active))
        if self.created_from:
            since = datetime.combine(self.created_from, time.min, tzinfo=UTC)
            conditions.append(Customer.created_at >= since)
        return conditions


def customer_ids_query(filters: CustomerFilters, scope: Scope) -> Select:
    """The ids of the matching customers, in the list's order (the CSV export reads these)."""
    query = select(Customer.id).where(*filters.conditions())
    return scope.narrow(query, Customer).order_by(*SORTS.order_by(filters.sort))


def customers_query(filters: CustomerFilters, scope: Scope) -> Select:
    """The matching customers with their groups, in the list's order."""
    query = select(Customer).where(*filters.conditions()).options(selectinload(Customer.groups))
    return scope.narrow(query, Customer).order_by(*SORTS.order_by(filters.sort))


def first_customers(filters: CustomerFilters, scope: Scope, limit: int) -> list[Customer]:
    """The first few matching customers (the chooser's suggestions)."""
    return list(db.session.scalars(customers_query(filters, scope).limit(limit)))


def primary_contacts(customer_ids: list[int]) -> dict[int, Contact]:
    """The primary contact of each listed customer, in one query."""
    if not customer_ids:
        return {}
    contacts = db.session.scalars(
        select(Contact).where(Contact.customer_id.in_(customer_ids), Contact.is_primary)
    )
    return {c.customer_id: c for c in contacts}


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
