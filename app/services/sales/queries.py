"""The lists of invoices, estimates, proposals and credit notes: staff list, a customer's tab,
the portal."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, and_, case, func, or_, select

from app.extensions import db
from app.models import Document, DocumentTally
from app.models.balance import amount
from app.roles import KIND_MODULES
from app.services.custom_fields.filters import (
    CustomFilter,
    custom_condition,
    read_filters,
    shown_columns,
)
from app.services.custom_fields.terms import among
from app.services.customers.search import TOP, matching_ids
from app.services.lists import Sorts, choice, day, id_arg, search_text
from app.services.sales.status import UNPAID, shown_as
from app.services.scope import Scope

STATUS_FILTERS = {"invoice": ("due", "draft", "unpaid", "partial", "paid", "overdue", "cancelled"),
                  "estimate": ("draft", "sent", "accepted", "declined", "expired"),
                  "proposal": ("draft", "sent", "open", "revised", "accepted", "declined",
                               "expired"),
                  "credit": ("draft", "open", "closed")}  # fmt: skip
SORTS = Sorts({"-date": (Document.issue_date.desc(), Document.id.desc())}, default="-date")
# What a contact sees in the portal: what was sent to them (drafts stay with staff).
SENT = {"invoice": ("unpaid", "partial", "paid", "cancelled"),
        "estimate": ("sent", "accepted", "declined"),
        "proposal": ("sent", "open", "revised", "accepted", "declined"),
        "credit": ("open", "closed")}  # fmt: skip


@dataclass
class DocumentFilters:
    kind: str
    status: str = ""
    customer_id: int | None = None
    q: str = ""
    dates: dict = field(default_factory=lambda: {"from": None, "to": None})
    sort: str = SORTS.default
    custom: list[CustomFilter] = field(default_factory=list)  # ?cf_<key>=…
    columns: list = field(default_factory=list)  # custom fields shown as columns (?col=<key>)
    _numbers: bool | None = field(default=None, repr=False, compare=False)  # ?q= starts one

    @classmethod
    def from_args(cls, kind: str, args, fields=(), locale: str = "en") -> "DocumentFilters":
        """Read ?status=&customer=&q=&from=&to=&sort= leniently: anything unknown is ignored;
        the custom filters and columns of `fields` too (numbers read in `locale`)."""
        return cls(
            kind=kind,
            custom=read_filters(fields, args, locale),
            columns=shown_columns(fields, args),
            status=choice(args.get("status"), STATUS_FILTERS[kind]),
            customer_id=id_arg(args, "customer"),
            q=search_text(args, 100),
            dates={"from": day(args.get("from")), "to": day(args.get("to"))},
            sort=SORTS.key(args.get("sort")),
        )

    def as_args(self) -> dict:
        """The non-default filters as URL arguments (the export menu's links keep them)."""
        args = {
            "status": self.status,
            "customer": self.customer_id or "",
            "q": self.q,
            **{k: v.isoformat() for k, v in self.dates.items() if v},
            "sort": self.sort,
        }
        for custom in self.custom:
            args |= custom.raw
        return {k: v for k, v in args.items() if v and not (k == "sort" and v == SORTS.default)}

    def conditions(self, today: date) -> list:
        """SQL conditions for these filters."""
        conditions = [Document.kind == self.kind]
        if self.status:
            conditions.append(_status_condition(self.status, today))
        if self.customer_id:
            conditions.append(Document.customer_id == self.customer_id)
        if self.q:
            # A number is found by its beginning (indexed); a customer by its search words.
            upper = self.q.upper()
            by_number = and_(Document.number >= upper, Document.number < upper + TOP)
            conditions.append(self._number_or_customer(by_number))
        if self.dates["from"]:
            conditions.append(Document.issue_date >= self.dates["from"])
        if self.dates["to"]:
            conditions.append(Document.issue_date <= self.dates["to"])
        if self.custom:
            conditions.append(custom_condition(self.custom, Document.id, self.kind))
        return conditions

    def _number_or_customer(self, by_number):
        """?q=: a number starting with it, or a customer its words find. PostgreSQL cannot use
        an index for `number … OR customer_id IN (…)` and guesses it matches half the
        documents: fine for a customer's word (it walks the list by date, checking each), but
        a number's few documents were found by walking every invoice. So there, when a number
        starts with ?q= (one index probe, once), the customer part is written
        `customer_id = ANY(ARRAY(…))`: both parts are then read from their indexes."""
        words = matching_ids(self.q)
        if not words:
            return by_number
        plain = or_(by_number, and_(*(Document.customer_id.in_(ids) for ids in words)))
        if db.session.get_bind().dialect.name != "postgresql":
            return plain
        if self._numbers is None:
            probe = select(Document.id).where(Document.kind == self.kind, by_number).limit(1)
            self._numbers = db.session.scalar(probe) is not None
        if not self._numbers:
            return plain
        return or_(by_number, and_(*(among(Document.customer_id, [ids]) for ids in words)))


def _status_condition(status: str, today: date, of=Document):
    """A status filter: 'due' is every invoice still to be paid, and an overdue invoice is
    still 'unpaid' (or 'partial'); the others are the status people see. `of`: Document, or
    DocumentTally (the same columns)."""
    if status == "due":
        return of.status.in_(UNPAID)
    if status in UNPAID:
        return of.status == status
    return shown_as(status, today, of)


def documents_query(filters: DocumentFilters, scope: Scope) -> Select:
    """The staff list: documents of one kind matching the filters, newest first."""
    query = select(Document).where(*filters.conditions(date.today()))
    return scope.narrow(query, Document).order_by(*SORTS.order_by(filters.sort))


def document_ids(filters: DocumentFilters, scope: Scope) -> list[int]:
    """The ids of every matching document, in the list's order (the exports read these)."""
    query = select(Document.id).where(*filters.conditions(date.today()))
    return list(
        db.session.scalars(scope.narrow(query, Document).order_by(*SORTS.order_by(filters.sort)))
    )


def list_summary(filters: DocumentFilters, scope: Scope) -> tuple[int | None, list]:
    """The count of the matching documents (None: the pager counts them) and their totals per
    currency (as currency_totals). When at most a status filters the list and this person sees
    every document, both come from the tallies (a few rows per due date, whatever the number
    of documents); otherwise (a custom filter too) from the documents themselves."""
    narrowed = (filters.customer_id or filters.q or any(filters.dates.values())
                or filters.custom)  # fmt: skip
    if narrowed or not sees_every_document(filters.kind, scope):
        return None, currency_totals(filters, scope)
    conditions = [DocumentTally.kind == filters.kind, DocumentTally.documents > 0]
    if filters.status:
        conditions.append(_status_condition(filters.status, date.today(), DocumentTally))
    counts = DocumentTally.status.not_in(("draft", "cancelled"))
    query = (
        select(DocumentTally.currency_code, func.sum(DocumentTally.documents),
               func.sum(case((counts, DocumentTally.documents), else_=0)),
               func.sum(case((counts, DocumentTally.total), else_=0)),
               func.sum(case((counts, DocumentTally.remaining), else_=0)))
        .where(*conditions).group_by(DocumentTally.currency_code)
        .order_by(DocumentTally.currency_code)
    )  # fmt: skip
    rows = db.session.execute(query).all()
    totals = [(code, amount(total), amount(left)) for code, _n, counted, total, left in rows
              if counted]  # fmt: skip
    return sum(row[1] for row in rows), totals


def sees_every_document(kind: str, scope: Scope) -> bool:
    """Whether this person sees every document of this kind (the tallies count them all)."""
    return scope.sees_all(KIND_MODULES[kind])


def currency_totals(filters: DocumentFilters, scope: Scope) -> list:
    """(currency, total, still due) of the matching documents that count (not draft,
    not cancelled), one row per currency."""
    query = (
        select(Document.currency_code, func.sum(Document.total),
               func.sum(Document.total - Document.amount_paid))
        .where(*filters.conditions(date.today()), Document.status.not_in(("draft", "cancelled")))
        .group_by(Document.currency_code).order_by(Document.currency_code)
    )  # fmt: skip
    return db.session.execute(scope.narrow(query, Document)).all()


def customer_documents(customer_id: int, kind: str, scope: Scope) -> Select:
    """A customer's documents of one kind (its tab), newest first."""
    return documents_query(DocumentFilters(kind=kind, customer_id=customer_id), scope)


def sent_documents(kind: str, scope: Scope) -> Select:
    """The documents of this kind a portal contact may see: their customer's, once sent (an
    invoice cancelled while still a draft was never issued: it has no number and stays hidden)."""
    query = select(Document).where(
        Document.kind == kind, Document.status.in_(SENT[kind]), Document.number.is_not(None)
    )
    return scope.narrow(query, Document)


def portal_documents(kind: str, scope: Scope) -> Select:
    """The portal list of one kind, newest first."""
    return sent_documents(kind, scope).order_by(*SORTS.order_by(SORTS.default))
