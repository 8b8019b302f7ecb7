"""The contract lists: statuses as people see them, type and customer; a customer's tab; the
portal."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import aliased, selectinload

from app.extensions import db
from app.models import Contract
from app.services.contracts.status import shown_as
from app.services.custom_fields.filters import (
    CustomFilter,
    custom_condition,
    read_filters,
    shown_columns,
)
from app.services.lists import Sorts, choice, id_arg
from app.services.scope import Scope

SORTS = Sorts(
    {
        "-created": (Contract.created_at.desc(), Contract.id.desc()),
        "-start": (Contract.start_date.desc(), Contract.id.desc()),
    },
    default="-created",
)
STATUS_FILTERS = ("draft", "sent", "signed", "expired", "ending")


@dataclass
class ContractFilters:
    status: str = ""
    type_id: int | None = None
    customer_id: int | None = None
    ending_days: int = 0  # what 'ending' means: the reminder setting
    sort: str = SORTS.default
    custom: list[CustomFilter] = field(default_factory=list)  # ?cf_<key>=…
    columns: list = field(default_factory=list)  # custom fields shown as columns (?col=<key>)

    @classmethod
    def from_args(
        cls, args, ending_days: int = 0, fields=(), locale: str = "en"
    ) -> "ContractFilters":
        """Read ?status=&type=&customer=&sort= leniently: anything unknown is ignored; the
        custom filters and columns of `fields` too (numbers read in `locale`)."""
        return cls(
            custom=read_filters(fields, args, locale),
            columns=shown_columns(fields, args),
            status=choice(args.get("status"), STATUS_FILTERS),
            type_id=id_arg(args, "type"),
            customer_id=id_arg(args, "customer"),
            ending_days=ending_days,
            sort=SORTS.key(args.get("sort")),
        )


def ending_soon_query(days: int, today: date | None = None):
    """Sent or signed contracts whose end date falls within `days` days from today and that
    have not been renewed yet."""
    today = today or date.today()
    renewal = aliased(Contract)
    return select(Contract).where(
        Contract.status != "draft",
        Contract.end_date.is_not(None),
        Contract.end_date >= today,
        Contract.end_date <= today + timedelta(days=days),
        ~exists().where(renewal.renewed_from_id == Contract.id),
    )


def ending_soon(days: int, scope: Scope, limit: int = 10) -> list[Contract]:
    """The contracts the dashboard warns about (those this person may see), soonest end
    first."""
    query = (scope.narrow(ending_soon_query(days), Contract)
             .options(selectinload(Contract.customer))
             .order_by(Contract.end_date, Contract.id).limit(limit))  # fmt: skip
    return list(db.session.scalars(query))


def contracts_query(filters: ContractFilters, scope: Scope) -> Select:
    """Contracts by the status people see ('ending' within `ending_days` and not renewed),
    type and customer; newest first."""
    today = date.today()
    if filters.status == "ending":
        query = ending_soon_query(filters.ending_days, today)
    else:
        query = select(Contract)
        if filters.status:
            query = query.where(shown_as(filters.status, today))
    if filters.type_id:
        query = query.where(Contract.type_id == filters.type_id)
    if filters.customer_id:
        query = query.where(Contract.customer_id == filters.customer_id)
    if filters.custom:
        query = query.where(custom_condition(filters.custom, Contract.id, "contract"))
    query = query.options(selectinload(Contract.customer), selectinload(Contract.type))
    return scope.narrow(query, Contract).order_by(*SORTS.order_by(filters.sort))


def customer_contracts(customer_id: int, scope: Scope) -> Select:
    """Every contract of one customer (its tab), newest first."""
    return contracts_query(ContractFilters(customer_id=customer_id), scope)


def sent_contracts(scope: Scope) -> Select:
    """The contracts a portal contact may see: their customer's, once sent."""
    return scope.narrow(select(Contract).where(Contract.status != "draft"), Contract)


def portal_contracts(scope: Scope) -> Select:
    """The portal list: latest start first."""
    return sent_contracts(scope).order_by(*SORTS.order_by("-start"))
