"""The customer list: its filters, sorts and query; the chooser (its contacts and activity:
related.py)."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from math import ceil

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    Customer,
    CustomerAdmin,
    CustomerCount,
    CustomerSearchTerm,
    customer_group_members,
)
from app.services.custom_fields.filters import (
    CustomFilter,
    custom_condition,
    read_filters,
    shown_columns,
)
from app.services.customers.listed import LISTED, listed_customers
from app.services.customers.search import (
    SearchPlan,
    has_words,
    ordered_page,
    plan_search,
    prefix_terms,
    search_cap,
    term_starts,
)
from app.services.customers.search_walk import walked_matches
from app.services.lists import (
    PAGE_SIZES,
    Page,
    Sorts,
    day,
    id_arg,
    page_number,
    paginate,
    search_text,
)
from app.services.scope import Scope

# A search's count walks its common words' runs on when its first matches took at most this
# many steps each beyond one per word (side by side, their shared customers take one per word;
# scattered, many more: two contacts' first names at 1M took 12 per match).
WALK_SPARE = 1

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
    custom: list[CustomFilter] = field(default_factory=list)  # ?cf_<key>=…
    columns: list = field(default_factory=list)  # custom fields shown as columns (?col=<key>)

    @classmethod
    def from_args(
        cls, args, me: int | None = None, fields: list = (), locale: str = "en"
    ) -> "CustomerFilters":
        """Read ?q=&group=&active=&since=&admin=&sort= leniently: anything unknown is ignored
        (`admin=me` names `me`, the asking staff member's id); `fields`: the custom fields the
        list offers (their filters and columns, numbers read in `locale`)."""
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
            custom=read_filters(fields, args, locale),
            columns=shown_columns(fields, args),
        )

    def as_args(self) -> dict:
        """The non-default filters as URL arguments."""
        args = {"q": self.q, "group": self.group_id or "", "sort": self.sort}
        args["active"] = {True: "1", False: "0"}.get(self.active, "")
        args["since"] = self.created_from.isoformat() if self.created_from else ""
        args["admin"] = self.admin
        for custom in self.custom:
            args |= custom.raw
        args["col"] = [f.key for f in self.columns]
        return {k: v for k, v in args.items() if v and not (k == "sort" and v == SORTS.default)}

    def conditions(self, search: SearchPlan | None = None) -> list:
        """SQL conditions for these filters (`search`: the plan of ?q=, when already made)."""
        search = search or plan_search(self.q)
        return (search.conditions(Customer.id) if search else []) + self.other_conditions()

    def other_conditions(self) -> list:
        """SQL conditions for every filter but the search."""
        conditions = []
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
        if self.custom:
            conditions.append(custom_condition(self.custom, Customer.id))
        return conditions


def customer_ids_query(filters: CustomerFilters, scope: Scope) -> Select:
    """The ids of the matching customers, in the list's order (the CSV export reads these)."""
    query = select(Customer.id).where(*filters.conditions())
    return scope.narrow(query, Customer).order_by(*SORTS.order_by(filters.sort))


def customers_query(
    filters: CustomerFilters, scope: Scope, search: SearchPlan | None = None
) -> Select:
    """The matching customers with their groups, in the list's order."""
    query = select(Customer).where(*filters.conditions(search))
    query = query.options(selectinload(Customer.groups))
    return scope.narrow(query, Customer).order_by(*SORTS.order_by(filters.sort))


def listed_query(
    filters: CustomerFilters, scope: Scope, search: SearchPlan | None = None
) -> Select:
    """The matching customers' listed columns (listed.py), in the list's order."""
    query = select(*LISTED).where(*filters.conditions(search))
    return scope.narrow(query, Customer).order_by(*SORTS.order_by(filters.sort))


def customer_page(filters: CustomerFilters, scope: Scope, args) -> Page:
    """The page of the customer list ?page= asks for, its items ListedCustomer rows. A search
    finds its matches once, from its most selective word, and stops counting past search_cap()
    (1,000): then the page is read in the list's order (it stops after one page), says "more
    than 1,000" and links a next page while rows remain."""
    search = plan_search(filters.q)
    if search is None:
        total = tallied_count(filters, scope)
        listed = listed_query(filters, scope)
        return _with_groups(paginate(listed, args, "customers", total=total, rows=True))
    per_page, cap = PAGE_SIZES["customers"], search_cap()
    ids = capped_matches(filters, scope, search, cap)
    if len(ids) <= cap:  # every match is known: order and cut them, by id
        pages = max(1, ceil(len(ids) / per_page))
        number = min(page_number(args), pages)
        query = select(*LISTED).where(Customer.id.in_(ids)).order_by(*SORTS.order_by(filters.sort))
        rows = db.session.execute(query.limit(per_page).offset((number - 1) * per_page))
        return Page(listed_customers(rows), number, pages, len(ids))
    number = page_number(args)
    listed = listed_query(filters, scope, search)
    ids = search_page(filters, scope, search, per_page + 1, (number - 1) * per_page)
    if ids is None:  # another sort, or a short prefix: read in the list's order and check
        page = listed.limit(per_page + 1).offset((number - 1) * per_page)
    else:
        page = select(*LISTED).where(Customer.id.in_(ids)).order_by(*SORTS.order_by(filters.sort))
    rows = db.session.execute(page).all()
    if not rows and number > 1:  # past the end (a typed address): the last page, counted
        return _with_groups(paginate(listed, args, "customers", rows=True))
    more = len(rows) > per_page
    return Page(listed_customers(rows[:per_page]), number, number + more, cap, capped=True)


def tallied_count(filters: CustomerFilters, scope: Scope) -> int | None:
    """How many customers the list shows, read from the customer counts (migration 0048)
    when at most "active" filters it and this person sees every customer; otherwise None (the
    pager counts them: on PostgreSQL, counting every customer is a scan of the table)."""
    narrowed = filters.q or filters.group_id or filters.admin_id or filters.created_from
    if narrowed or filters.custom or not scope.sees_all("customers"):
        return None
    columns = {True: (CustomerCount.active,), False: (CustomerCount.inactive,)}
    counts = columns.get(filters.active, (CustomerCount.active, CustomerCount.inactive))
    row = db.session.connection().execute(select(*counts).where(CustomerCount.id == 1)).first()
    return sum(row) if row else None


def _with_groups(page: Page) -> Page:
    """`page` with its rows as ListedCustomer, with their groups."""
    page.items = listed_customers(page.items)
    return page


def search_page(
    filters: CustomerFilters, scope: Scope, search: SearchPlan, limit: int, offset: int
) -> Select | None:
    """The ids of a page of a search's customers sorted by company, read from its first
    word's terms' customers in that order (search.py::ordered_page): what a common word needs
    (a rare one is cheaper from all its matches). None for the other sorts or when the first
    word starts more than a few terms."""
    if filters.sort not in ("company", "-company") or not search.words:
        return None
    descending = filters.sort == "-company"
    walk = _walk(filters, scope, search, descending, offset + limit)
    if walk is not None:
        order = (walk.c.key.desc(), walk.c.id.desc()) if descending else (walk.c.key, walk.c.id)
        return select(walk.c.id).order_by(*order).limit(limit).offset(offset)
    terms = prefix_terms(search.words[0])
    if not terms:
        return None

    def narrow(query: Select, customer_id) -> Select:
        query = query.join(Customer, Customer.id == customer_id)
        return scope.narrow(query.where(*filters.other_conditions()), Customer)

    return ordered_page(search, terms, narrow, descending, limit, offset)


def _walk(
    filters: CustomerFilters, scope: Scope, search: SearchPlan, descending: bool, stop: int,
    spare: int | None = None,
):  # fmt: skip
    """search_walk.py's walk for these filters and scope (None: the search is not walked)."""
    return walked_matches(search, scope, filters.other_conditions(), descending, stop, spare)


def capped_matches(
    filters: CustomerFilters, scope: Scope, search: SearchPlan, cap: int
) -> list[int]:
    """The ids of up to `cap` + 1 matching customers, in no order, read from the terms that
    start with the search's most selective word (so at most that many entries when it is rare)."""
    if not search.words:
        return []
    # Several common words: their first matches in name order, walking their runs together,
    # unless their shared customers are scattered (each match costs steps in every run): then
    # reading the first word's customers and checking each costs less.
    walk = _walk(filters, scope, search, False, cap + 1, spare=WALK_SPARE)
    if walk is not None:
        found = db.session.execute(select(walk.c.id, walk.c.cut)).all()
        if not any(cut for _, cut in found):
            return [customer_id for customer_id, _ in found]
    first, others = search.words[0], has_words(search.words[1:], Customer.id)
    query = (
        select(CustomerSearchTerm.customer_id)
        .distinct()
        .join(Customer, Customer.id == CustomerSearchTerm.customer_id)
        .where(term_starts(first), *others, *filters.other_conditions())
    )
    return list(db.session.scalars(scope.narrow(query, Customer).limit(cap + 1)))


def first_customers(filters: CustomerFilters, scope: Scope, limit: int) -> list[Customer]:
    """The first few matching customers (the chooser's suggestions): a common word's from its
    customers in the list's order, as the list's pages."""
    search = plan_search(filters.q)
    ids = search_page(filters, scope, search, limit, 0) if search and not search.rare else None
    if ids is None:
        return list(db.session.scalars(customers_query(filters, scope, search).limit(limit)))
    return list(db.session.scalars(_by_ids(ids, filters.sort)))


def _by_ids(ids: Select, sort: str) -> Select:
    """The customers search_page found, in the list's order, with their groups."""
    query = select(Customer).where(Customer.id.in_(ids)).order_by(*SORTS.order_by(sort))
    return query.options(selectinload(Customer.groups))
