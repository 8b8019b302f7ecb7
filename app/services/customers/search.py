"""Customer search and the list query: word-prefix search through an indexed terms table."""

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import phonenumbers
from sqlalchemy import Select, and_, delete, false, func, insert, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Contact, Customer, CustomerSearchTerm, customer_group_members
from app.parsing import parse_id
from app.services.customers.normalize import fold

TERM_MAX = 120
# Highest code point: `term < prefix + TOP` holds for every term that starts with prefix.
TOP = chr(0x10FFFF)
# The company sorts on its folded key: the same order on SQLite and PostgreSQL, any case.
SORTS = {
    "company": (Customer.company_key, Customer.id),
    "-company": (Customer.company_key.desc(), Customer.id.desc()),
    "created": (Customer.created_at, Customer.id),
    "-created": (Customer.created_at.desc(), Customer.id.desc()),
}
DEFAULT_SORT = "company"
PHONE_QUERY = re.compile(r"\+?[\d\s().-]+")


def words(text: str | None) -> set[str]:
    """The searchable words of a text: folded, split on anything but letters, digits, @ . _ -."""
    folded = fold(text or "")
    found = set()
    for token in re.findall(r"[\w@.+-]+", folded):
        token = token.strip(".-+")
        if token:
            found.add(token[:TERM_MAX])
            found.update(part for part in re.split(r"[@.+_-]+", token) if part)
    return found


def customer_terms(customer: Customer) -> set[str]:
    """Every word a customer can be found by: company, VAT, phone, its contacts' names, emails."""
    terms = words(customer.company) | words(customer.vat_number)
    if customer.vat_number and customer.vat_number[:2].isalpha():
        terms |= words(customer.vat_number[2:])
    phones = [customer.phone] + [c.phone for c in customer.contacts]
    for contact in customer.contacts:
        terms |= words(contact.first_name) | words(contact.last_name) | words(contact.email)
    for phone in filter(None, phones):
        terms |= phone_terms(phone)
    return {t[:TERM_MAX] for t in terms if t}


def phone_terms(e164: str) -> set[str]:
    """A phone number is found by its international digits and by its national number."""
    terms = {re.sub(r"\D", "", e164)}
    with suppress(phonenumbers.NumberParseException):
        terms.add(str(phonenumbers.parse(e164, None).national_number))
    return terms


def reindex_customer(customer: Customer) -> None:
    """Replace the search terms of one customer (call after any change to it or its contacts)."""
    db.session.flush()
    db.session.execute(
        delete(CustomerSearchTerm).where(CustomerSearchTerm.customer_id == customer.id)
    )
    terms = customer_terms(customer)
    if terms:
        db.session.execute(
            insert(CustomerSearchTerm),
            [{"customer_id": customer.id, "term": term} for term in sorted(terms)],
        )


def matching_ids(query: str) -> list[Select]:
    """One id subquery per word of `query`: a customer must have a word starting with each."""
    query = (query or "").strip()
    if not query:
        return []
    if PHONE_QUERY.fullmatch(query) and sum(ch.isdigit() for ch in query) >= 3:
        # "06 12 34" and "+33 6 12" both become one digit prefix; the trunk 0 is dropped.
        query_words = [re.sub(r"\D", "", query).lstrip("0")]
    else:
        query_words = re.findall(r"[\w@.+-]+", fold(query))[:5]
    query_words = [w.strip(".-+")[:TERM_MAX] for w in query_words if w.strip(".-+")]
    if not query_words:  # only punctuation typed: nothing can match
        return [select(CustomerSearchTerm.customer_id).where(false())]
    return [
        select(CustomerSearchTerm.customer_id).where(
            CustomerSearchTerm.term >= word, CustomerSearchTerm.term < word + TOP
        )
        for word in query_words
    ]


@dataclass
class CustomerFilters:
    q: str = ""
    group_id: int | None = None
    active: bool | None = None
    sort: str = DEFAULT_SORT
    created_from: date | None = None

    @classmethod
    def from_args(cls, args) -> "CustomerFilters":
        """Read ?q=&group=&active=&sort= leniently: anything unknown is ignored."""
        group = args.get("group", "")
        active = {"1": True, "0": False}.get(args.get("active", ""))
        sort = args.get("sort", DEFAULT_SORT)
        try:
            created_from = date.fromisoformat(args.get("since", ""))
        except ValueError:
            created_from = None
        return cls(
            created_from=created_from,
            q=(args.get("q") or "").strip()[:200],
            group_id=parse_id(group),
            active=active,
            sort=sort if sort in SORTS else DEFAULT_SORT,
        )

    def as_args(self) -> dict:
        """The non-default filters as URL arguments."""
        args = {"q": self.q, "group": self.group_id or "", "sort": self.sort}
        args["active"] = {True: "1", False: "0"}.get(self.active, "")
        args["since"] = self.created_from.isoformat() if self.created_from else ""
        return {k: v for k, v in args.items() if v and not (k == "sort" and v == DEFAULT_SORT)}

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
        if self.active is not None:
            conditions.append(Customer.active.is_(self.active))
        if self.created_from:
            since = datetime.combine(self.created_from, time.min, tzinfo=UTC)
            conditions.append(Customer.created_at >= since)
        return conditions


def count_customers(filters: CustomerFilters) -> int:
    """How many customers match the filters."""
    conditions = filters.conditions()
    return db.session.scalar(
        select(func.count()).select_from(Customer).where(and_(True, *conditions))
    )


def page_of_customers(filters: CustomerFilters, page: int, per_page: int) -> list[Customer]:
    """One page of customers: ids first through the sort index, then the 25 rows."""
    order = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    id_query = (
        select(Customer.id)
        .where(and_(True, *filters.conditions()))
        .order_by(*order)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    ids = list(db.session.scalars(id_query))
    if not ids:
        return []
    rows = {
        c.id: c
        for c in db.session.scalars(
            select(Customer).where(Customer.id.in_(ids)).options(selectinload(Customer.groups))
        )
    }
    return [rows[i] for i in ids if i in rows]


def primary_contacts(customer_ids: list[int]) -> dict[int, Contact]:
    """The primary contact of each listed customer, in one query."""
    if not customer_ids:
        return {}
    contacts = db.session.scalars(
        select(Contact).where(Contact.customer_id.in_(customer_ids), Contact.is_primary)
    )
    return {c.customer_id: c for c in contacts}
