"""Customer search: word-prefix search through an indexed terms table."""

import re
from contextlib import suppress

import phonenumbers
from sqlalchemy import Select, delete, false, insert, select

from app.extensions import db
from app.models import Customer, CustomerSearchTerm
from app.services.customers.normalize import fold

TERM_MAX = 120
# Highest code point: `term < prefix + TOP` holds for every term that starts with prefix.
TOP = chr(0x10FFFF)
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
