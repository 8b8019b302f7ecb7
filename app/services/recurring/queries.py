"""The lists of recurring invoices (all, a customer's) and of the invoices a profile made."""

from dataclasses import dataclass

from sqlalchemy import Select, and_, select
from sqlalchemy.orm import contains_eager

from app.extensions import db
from app.models import Document, RecurringInvoice, RecurringRun
from app.services.lists import Sorts, choice
from app.services.scope import Scope

STATUSES = ("active", "paused", "ended")
SORTS = Sorts(
    {"next": (RecurringInvoice.next_date.asc().nulls_last(), RecurringInvoice.id.desc())},
    default="next",
)


def status_of(profile: RecurringInvoice) -> str:
    """Active; paused (it keeps its next date); ended (no next date)."""
    if profile.active:
        return "active"
    return "paused" if profile.next_date is not None else "ended"


def _status_condition(status: str):
    if status == "active":
        return RecurringInvoice.active
    if status == "paused":
        return and_(~RecurringInvoice.active, RecurringInvoice.next_date.is_not(None))
    return and_(~RecurringInvoice.active, RecurringInvoice.next_date.is_(None))


@dataclass
class RecurringFilters:
    status: str = ""
    sort: str = SORTS.default

    @classmethod
    def from_args(cls, args) -> "RecurringFilters":
        """Read ?status=&sort= leniently: anything unknown is ignored."""
        return cls(status=choice(args.get("status"), STATUSES), sort=SORTS.key(args.get("sort")))


def recurring_query(filters: RecurringFilters, scope: Scope) -> Select:
    """The profiles this person may see, with their customer's name, next date first (the
    customer loaded by the same join: no query per row)."""
    query = (
        select(RecurringInvoice)
        .join(RecurringInvoice.customer)
        .options(contains_eager(RecurringInvoice.customer))
    )
    if filters.status:
        query = query.where(_status_condition(filters.status))
    return scope.narrow(query, RecurringInvoice).order_by(*SORTS.orders[filters.sort])


def customer_recurring(customer_id: int, scope: Scope) -> Select:
    """A customer's tab: its profiles."""
    query = select(RecurringInvoice).where(RecurringInvoice.customer_id == customer_id)
    return scope.narrow(query, RecurringInvoice).order_by(*SORTS.orders[SORTS.default])


def profile_invoices(profile: RecurringInvoice, scope: Scope) -> Select:
    """The invoices the profile made that this person may open, newest first."""
    query = (
        select(Document)
        .join(RecurringRun, RecurringRun.document_id == Document.id)
        .where(RecurringRun.profile_id == profile.id)
    )
    return scope.narrow(query, Document).order_by(Document.issue_date.desc(), Document.id.desc())


def recurring_source(invoice: Document, scope: Scope) -> RecurringInvoice | None:
    """The recurring invoice that made `invoice`, when this person may open it."""
    query = (
        select(RecurringInvoice)
        .join(RecurringRun, RecurringRun.profile_id == RecurringInvoice.id)
        .where(RecurringRun.document_id == invoice.id)
    )
    return db.session.scalar(scope.narrow(query, RecurringInvoice))
