"""What every list shares: page sizes, the pager, the sort whitelist, lenient URL filters."""

from dataclasses import dataclass
from datetime import date
from math import ceil

from sqlalchemy import ColumnElement, Select, func, inspect, or_, select, union_all
from sqlalchemy.orm import lazyload

from app.extensions import db
from app.parsing import parse_id

# Rows per page, one line per list.
PAGE_SIZES = {
    "customers": 25, "sales": 100, "projects": 100, "contracts": 100, "tickets": 50,
    "customer_tab": 100,  # a customer's contacts, documents, contracts, tickets, projects
    "activity": 50,  # a customer's activity tab
    "portal": 50,  # every list of the portal
    "outbox": 50,  # Settings → Email → Outbox
    "privacy": 50,  # Settings → Personal data requests
    "security_log": 50,  # a person's security log (My profile → Security, Staff)
    "my_tasks": 100,  # My tasks
    "kb": 100,  # the knowledge base's articles (staff)
}  # fmt: skip


@dataclass(frozen=True)
class Sorts:
    """A list's sorts: URL key -> ORDER BY columns (each ending on a unique tie-breaker)."""

    orders: dict[str, tuple]
    default: str

    def key(self, value: str | None) -> str:
        """The asked sort when the list has it, else the default."""
        return value if value in self.orders else self.default

    def order_by(self, key: str | None) -> tuple:
        """The ORDER BY columns of a sort key (the default for an unknown one)."""
        return self.orders[self.key(key)]


@dataclass
class Page:
    """One page of a list: its rows, its number (1…pages) and the count of all matching rows;
    `capped`: there are more than `total` rows (a search stopped counting), and `pages` is this
    page's number plus one while more rows follow."""

    items: list
    number: int
    pages: int
    total: int
    capped: bool = False


def page_number(args) -> int:
    """?page= as a number from 1; anything else (0, -1, abc, ², 10**20) is page 1."""
    return parse_id(args.get("page")) or 1


def paginate(query: Select, args, name: str, total: int | None = None, rows: bool = False) -> Page:
    """The page ?page= asks for of list `name` (its size from PAGE_SIZES), kept within the
    pages there are (past the end: the last); `total`: the count of matching rows when the
    caller knows it without counting them (e.g. from summary rows); `rows`: the items are the
    query's rows (a select of columns), not its first column's values (a select of a model),
    read on the session's connection (rows of columns need none of the ORM's execution steps)."""
    per_page = PAGE_SIZES[name]
    if total is None:
        counted = (query if rows else query.options(lazyload("*"))).order_by(None).subquery()
        count = db.session.connection().scalar if rows else db.session.scalar
        total = count(select(func.count()).select_from(counted)) or 0
    pages = max(1, ceil(total / per_page))
    number = min(page_number(args), pages)
    offset = (number - 1) * per_page
    read = db.session.connection().execute if rows else db.session.scalars
    if offset < DEEP:
        items = read(query.limit(per_page).offset(offset)).all()
    else:
        items = read(ids_first(query, per_page, offset)).all()
    return Page(list(items), number, pages, total)


# From this many rows skipped, a page finds its rows' ids first (see ids_first).
DEEP = 1_000


def ids_first(query: Select, limit: int, offset: int) -> Select:
    """`query`'s rows from `offset`, found by their ids first: the skipped rows are stepped
    over in the order's index, and only the page's rows are read whole (PostgreSQL would
    otherwise fetch every skipped row from the table; SQLite, its row from the index). The
    same rows, in the same order; a query of anything but one model's rows pages plainly."""
    entity = query.column_descriptions[0].get("entity")
    mapper = inspect(entity, raiseerr=False) if entity is not None else None
    if mapper is None or len(mapper.primary_key) != 1:  # not a list of one model's rows
        return query.limit(limit).offset(offset)
    key = mapper.primary_key[0]
    page = query.with_only_columns(key, maintain_column_froms=True).correlate(None)
    return query.where(key.in_(page.limit(limit).offset(offset)))


def one_of(key, *conditions) -> ColumnElement:
    """`conditions` joined by OR, on PostgreSQL written `key IN (SELECT key WHERE … UNION ALL
    SELECT key WHERE …)` (key: the listed table's id) so that it estimates each part from its
    own index or statistics, where it guesses a fixed share for an OR with an IN-subquery
    (then, e.g., joins every customer to a few projects); SQLite keeps the OR."""
    if db.session.get_bind().dialect.name != "postgresql":
        return or_(*conditions)
    return key.in_(union_all(*(select(key).where(condition) for condition in conditions)))


def choice(value: str | None, allowed, default: str = "") -> str:
    """`value` when it is one of `allowed`, else `default` (unknown filters are ignored)."""
    return value if value in allowed else default


def day(value: str | None) -> date | None:
    """An ISO date from the URL, or None."""
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def search_text(args, limit: int = 200) -> str:
    """?q= trimmed to a sane length."""
    return (args.get("q") or "").strip()[:limit]


def id_arg(args, name: str) -> int | None:
    """An id filter (?customer=, ?type=…), or None."""
    return parse_id(args.get(name))
