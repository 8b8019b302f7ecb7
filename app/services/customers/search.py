"""Customer search: word-prefix search through an indexed terms table."""

import re
from contextlib import suppress
from dataclasses import dataclass

import phonenumbers
from flask import current_app
from sqlalchemy import Select, and_, delete, exists, false, func, insert, select

from app.extensions import db
from app.models import Customer, CustomerSearchTerm
from app.services.custom_fields.values import searchable_texts
from app.services.customers.normalize import fold

TERM_MAX = 120
# Highest code point: `term < prefix + TOP` holds for every term that starts with prefix.
TOP = chr(0x10FFFF)
# A search counts its matches up to this many ("more than 1,000 customers"): enough to know
# the search should be narrowed, and a cost that does not grow with the data.
SEARCH_CAP = 1000
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
    for text in searchable_texts(customer.id, [c.id for c in customer.contacts]):
        terms |= {t[:TERM_MAX] for t in words(text) if t}  # its searchable custom fields
    if terms:
        db.session.execute(
            insert(CustomerSearchTerm),
            [{"customer_id": customer.id, "term": term} for term in sorted(terms)],
        )


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
    return SearchPlan(ordered, rare=min(counts) <= cap)
