"""The ticket lists: the support desk, a customer's tab, the portal."""

from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import TICKET_PRIORITIES, TICKET_STATUSES, Ticket, TicketAttachment, TicketReply
from app.services.custom_fields.filters import (
    CustomFilter,
    custom_condition,
    read_filters,
    shown_columns,
)
from app.services.lists import Sorts, choice, id_arg
from app.services.scope import Scope

SORTS = Sorts({"-activity": (Ticket.last_activity_at.desc(), Ticket.id.desc())}, "-activity")


@dataclass
class TicketFilters:
    status: str = ""  # "" is every ticket but the closed ones; "all" is every ticket
    priority: str = ""
    department_id: int | None = None
    assigned_id: int | None = None
    customer_id: int | None = None
    sort: str = SORTS.default
    custom: list[CustomFilter] = field(default_factory=list)  # ?cf_<key>=…
    columns: list = field(default_factory=list)  # custom fields shown as columns (?col=<key>)

    @classmethod
    def from_args(cls, args, fields=(), locale: str = "en") -> "TicketFilters":
        """Read ?status=&priority=&department=&assigned=&customer=&sort= leniently, and the
        custom filters and columns of `fields` (numbers read in `locale`)."""
        return cls(
            custom=read_filters(fields, args, locale),
            columns=shown_columns(fields, args),
            status=choice(args.get("status"), (*TICKET_STATUSES, "all")),
            priority=choice(args.get("priority"), TICKET_PRIORITIES),
            department_id=id_arg(args, "department"),
            assigned_id=id_arg(args, "assigned"),
            customer_id=id_arg(args, "customer"),
            sort=SORTS.key(args.get("sort")),
        )

    def conditions(self) -> list:
        """SQL conditions for these filters."""
        conditions = []
        if self.status in TICKET_STATUSES:
            conditions.append(Ticket.status == self.status)
        elif self.status != "all":
            conditions.append(Ticket.status != "closed")
        if self.priority:
            conditions.append(Ticket.priority == self.priority)
        for column, value in (
            (Ticket.department_id, self.department_id),
            (Ticket.assigned_to_id, self.assigned_id),
            (Ticket.customer_id, self.customer_id),
        ):
            if value:
                conditions.append(column == value)
        if self.custom:
            conditions.append(custom_condition(self.custom, Ticket.id, "ticket"))
        return conditions


def tickets_query(filters: TicketFilters, scope: Scope) -> Select:
    """Tickets matching the filters, latest activity first."""
    query = (
        select(Ticket)
        .where(*filters.conditions())
        .options(selectinload(Ticket.customer), selectinload(Ticket.assigned_to))
    )
    return scope.narrow(query, Ticket).order_by(*SORTS.order_by(filters.sort))


def customer_tickets(customer_id: int | None, scope: Scope) -> Select:
    """Every ticket of one customer, closed ones too (its tab)."""
    query = tickets_query(TicketFilters(status="all", customer_id=customer_id), scope)
    return query.options(selectinload(Ticket.contact))


def portal_tickets(scope: Scope) -> Select:
    """The portal list: every ticket of the contact's customer, latest activity first."""
    return customer_tickets(None, scope)


def find_ticket_attachment(
    ticket_id: int, attachment_id: int, scope: Scope
) -> TicketAttachment | None:
    """A file of a ticket this person may see; a contact never gets one of an internal note."""
    query = (
        select(TicketAttachment).join(TicketReply).join(Ticket)
        .where(TicketAttachment.id == attachment_id, TicketReply.ticket_id == ticket_id)
    )  # fmt: skip
    if not scope.sees_internal:
        query = query.where(TicketReply.internal.is_(False))
    return db.session.scalar(scope.narrow(query, Ticket))
