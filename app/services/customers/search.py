"""Customer search: word-prefix search through an indexed terms table."""

import re
from contextlib import suppress
from dataclasses import dataclass

import phonenumbers
from flask import current_app
from sqlalchemy import (
    Select,
    and_,
    case,
    delete,
    exists,
    false,
    func,
    insert,
    inspect,
    null,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Customer, CustomerSearchTerm
from app.services.bulk import insert_rows
from app.services.custom_fields.definitions import entity_fields
from app.services.custom_fields.values import searchable_texts
from app.services.customers.normalize import fold

TERM_MAX = 120
# Highest code point: `term < prefix + TOP` holds for every term that starts with prefix.
TOP = chr(0x10FFFF)
# A search counts its matches up to this many ("more than 1,000 customers"): enough to know
# the search should be narrowed, and a cost that does not grow with the data.
SEARCH_CAP = 1000
# A prefix that starts at most this many distinct terms has a page read term by term in the
# list's order (merged); one that starts more reads customers in the list's order.
MERGED_TERMS = 16
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
    rows = term_rows(customer)
    if rows:
        db.session.execute(insert(CustomerSearchTerm), rows)


def term_rows(customer: Customer, custom_fields: bool = True) -> list[dict]:
    """The customer's search-term rows: its words (customer_terms), those of its searchable
    custom fields unless `custom_fields` is False (no field is searchable: nothing to read),
    each with its company_key (a page in name order reads a term's customers in that order)."""
    terms = customer_terms(customer)
    if custom_fields:
        for value in searchable_texts(customer.id, [c.id for c in customer.contacts]):
            terms |= {t[:TERM_MAX] for t in words(value) if t}
    key = customer.company_key
    return [{"customer_id": customer.id, "term": t, "company_key": key} for t in sorted(terms)]


def reindex_batch(customers: list[Customer]) -> None:
    """The search terms of many customers at once (as reindex_customer writes them one by one):
    one delete, their contacts in one query, one insert."""
    if not customers:
        return
    db.session.flush()
    ids = [c.id for c in customers]
    db.session.execute(
        delete(CustomerSearchTerm)
        .where(CustomerSearchTerm.customer_id.in_(ids))
        .execution_options(synchronize_session=False)
    )
    unread = [c.id for c in customers if "contacts" not in inspect(c).dict]  # made here: known
    if unread:
        db.session.scalars(
            select(Customer).where(Customer.id.in_(unread)).options(selectinload(Customer.contacts))
        ).all()
    searchable = any(f.searchable for entity in ("customer", "contact")
                     for f in entity_fields(entity))  # fmt: skip
    rows = [row for customer in customers for row in term_rows(customer, searchable)]
    insert_rows(CustomerSearchTerm, rows)


def rebuild_search_terms(batch: int = 1000):
    """Every customer's search terms written again, `batch` customers at a time in id order
    (`flask search rebuild`, after check-data finds them off); yields the customers done so
    far after each batch, for the caller to commit."""
    last, done = 0, 0
    while True:
        query = select(Customer).where(Customer.id > last).order_by(Customer.id).limit(batch)
        customers = list(db.session.scalars(query.options(selectinload(Customer.contacts))))
        if not customers:
            return
        reindex_batch(customers)
        last, done = customers[-1].id, done + len(customers)
        yield done


def query_words(query: str) -> list[str] | None:
    """The folded word prefixes a search looks for (at most five); None when nothing is typed,
    [] when only punctuation is (nothing can match)."""
    query = (query or "").strip()
    if not query:
        return None
    if PHONE_QUERY.fullmatch(query) and sum(ch.isdigit() for ch in query) >= 3:
        # "06 12 34" and "+33 6 12" both become one digit prefix; the trunk 0 is dropped.
        found = [re.sub(r"\D", "", query).lstrip("0")]
    else:
        found = re.findall(r"[\w@.+-]+", fold(query))[:5]
    return [w.strip(".-+")[:TERM_MAX] for w in found if w.strip(".-+")]


def term_starts(word: str):
    """The terms that start with `word` (a range on the terms index, on every database)."""
    return and_(CustomerSearchTerm.term >= word, CustomerSearchTerm.term < word + TOP)


def matching_ids(query: str) -> list[Select]:
    """One id subquery per word of `query`: a customer must have a word starting with each."""
    found = query_words(query)
    if found is None:
        return []
    if not found:
        return [select(CustomerSearchTerm.customer_id).where(false())]
    return [select(CustomerSearchTerm.customer_id).where(term_starts(word)) for word in found]


def has_words(found: list[str], customer_id) -> list:
    """Conditions on `customer_id`: the customer has a term starting with each word (checked
    row by row through the customer's terms, so an ordered scan can stop after one page)."""
    checks = []
    for n, word in enumerate(found):
        # Its own name (a plain table alias: cheap to build): the outer query may read terms too.
        term = CustomerSearchTerm.__table__.alias(f"word_{n}")
        checks.append(
            exists()
            .where(term.c.customer_id == customer_id, term.c.term >= word, term.c.term < word + TOP)
            .correlate_except(term)
        )
    return checks


def posting(word: str) -> Select:
    """The ids of the customers with a term starting with `word` (one per term: may repeat)."""
    return select(CustomerSearchTerm.customer_id).where(term_starts(word))


@dataclass(frozen=True)
class SearchPlan:
    """The words of a search, the most selective first; `rare`: few enough terms start with
    that word reading them all is cheap at any size."""

    words: list[str]
    rare: bool  # at most search_cap() terms start with words[0]
    # For each word, the one term that starts with it, when exactly one does (else None).
    exact: tuple[str | None, ...] = ()

    def conditions(self, customer_id) -> list:
        """Conditions on `customer_id` for this search: a rare first word as an id list (the
        database starts from it), every other word checked per customer."""
        if not self.words:
            return [false()]  # only punctuation typed: nothing can match
        first, others = self.words[0], self.words[1:]
        if self.rare:
            return [customer_id.in_(posting(first)), *has_words(others, customer_id)]
        return has_words(self.words, customer_id)


def search_cap() -> int:
    """How many matches a search counts before it says "more than" (CUSTOMER_SEARCH_CAP in
    the configuration, SEARCH_CAP unless set; tests lower it to reach it with a few rows)."""
    return current_app.config.get("CUSTOMER_SEARCH_CAP", SEARCH_CAP)


def plan_search(query: str) -> SearchPlan | None:
    """How to run a search (None: nothing typed): its words ordered from the one the fewest
    terms start with, counted in one query that reads at most cap + 1 index entries per word."""
    cap = search_cap()
    found = query_words(query)
    if found is None:
        return None
    if not found:
        return SearchPlan([], rare=True)
    probes = [
        select(func.count()).select_from(posting(word).limit(cap + 1).subquery()).scalar_subquery()
        for word in found
    ]
    counts = db.session.execute(select(*probes)).one()
    ordered = [word for _, _, word in sorted(zip(counts, range(len(found)), found, strict=True))]
    rare = min(counts) <= cap
    if rare or len(found) < 2:
        return SearchPlan(ordered, rare=rare)
    # Several common words: the terms they start, for a walk of their runs (search_walk.py).
    exact = db.session.execute(select(*(only_term(word) for word in ordered))).one()
    return SearchPlan(ordered, rare=rare, exact=tuple(exact))


# Made once (an alias builds its columns): each subquery of only_term reads its own rows.
_ONE, _TWO = (CustomerSearchTerm.__table__.alias(name) for name in ("only_one", "only_two"))


def only_term(word: str):
    """The term that starts with `word` when exactly one does, else NULL (two index seeks)."""
    first = select(_ONE.c.term).where(_ONE.c.term >= word, _ONE.c.term < word + TOP)
    first = first.order_by(_ONE.c.term).limit(1).scalar_subquery()
    later = exists().where(_TWO.c.term > first, _TWO.c.term < word + TOP)
    return case((later, null()), else_=first)


# The distinct terms from `lo` (one index seek each), at most :most + 1 of them.
NEXT_TERMS = text("""
WITH RECURSIVE found(term, n) AS (
  SELECT (SELECT term FROM customer_search_terms WHERE term >= :lo AND term < :hi
          ORDER BY term LIMIT 1), 1
  UNION ALL
  SELECT (SELECT s.term FROM customer_search_terms s WHERE s.term > found.term AND s.term < :hi
          ORDER BY s.term LIMIT 1), n + 1
  FROM found WHERE found.term IS NOT NULL AND n <= :most
)
SELECT term FROM found WHERE term IS NOT NULL
""")


def prefix_terms(word: str, most: int = MERGED_TERMS) -> list[str] | None:
    """The distinct terms that start with `word`, in order, when at most `most` do (None when
    more): one seek in the terms index per term, in one query."""
    found = db.session.scalars(NEXT_TERMS, {"lo": word, "hi": word + TOP, "most": most}).all()
    return None if len(found) > most else list(found)


def ordered_page(
    search: SearchPlan, terms: list[str], narrow, descending: bool, limit: int, offset: int
) -> Select:
    """The ids of one page of a search's customers sorted by company (`descending`: Z to A),
    `terms` being every term that starts with its first word. Each term's customers are read in
    that order from the (term, company_key, customer_id) index, checked for the other words and
    by `narrow(query, customer_id)` (filters, scope) until offset + limit pass, then merged: a
    page costs the page (times the terms), not the customers that sort before it. A customer
    with several of the terms is read under the first only."""
    first, others = search.words[0], search.words[1:]
    runs = []
    for term in terms:
        posting = CustomerSearchTerm.__table__.alias("posting")
        key, customer_id = posting.c.company_key, posting.c.customer_id
        query = select(customer_id.label("id"), key.label("key")).where(posting.c.term == term)
        query = narrow(query.where(*has_words(others, customer_id)), customer_id)
        if term != terms[0]:  # not already read under an earlier term
            earlier = CustomerSearchTerm.__table__.alias("earlier")
            query = query.where(~exists().where(
                earlier.c.customer_id == customer_id, earlier.c.term >= first,
                earlier.c.term < term).correlate_except(earlier))  # fmt: skip
        order = (key.desc(), customer_id.desc()) if descending else (key, customer_id)
        if len(terms) == 1:
            return query.with_only_columns(customer_id).order_by(*order).limit(limit).offset(offset)
        runs.append(query.order_by(*order).limit(offset + limit))
    merged = union_all(*(select(run.subquery()) for run in runs)).subquery()
    order = (merged.c.key.desc(), merged.c.id.desc()) if descending else (merged.c.key, merged.c.id)
    return select(merged.c.id).order_by(*order).limit(limit).offset(offset)
