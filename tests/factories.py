"""Plain factory functions: make_x(**overrides) returns a committed, usable object."""

import itertools

from app.extensions import db
from app.models import Contact, Currency, Customer, CustomerGroup, User

_seq = itertools.count(1)
PASSWORD = "correct horse battery"


def make_user(**overrides) -> User:
    """A staff member whose password is PASSWORD."""
    n = next(_seq)
    password = overrides.pop("password", PASSWORD)
    fields = {"email": f"staff{n}@example.com", "name": f"Staff {n}", "is_admin": False}
    fields.update(overrides)
    user = User(**fields)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def make_admin(**overrides) -> User:
    return make_user(**{"is_admin": True, **overrides})


def make_currency(code: str = "EUR", **overrides) -> Currency:
    fields = {"code": code, "symbol": "€", "decimals": 2, "symbol_after": True}
    fields.update(overrides)
    currency = Currency(**fields)
    db.session.add(currency)
    db.session.commit()
    return currency


def make_group(**overrides) -> CustomerGroup:
    group = CustomerGroup(**{"name": f"Group {next(_seq)}", **overrides})
    db.session.add(group)
    db.session.commit()
    return group


def make_customer(**overrides) -> Customer:
    customer = Customer(**{"company": f"Company {next(_seq)} Ltd", **overrides})
    db.session.add(customer)
    db.session.commit()
    return customer


def make_contact(customer: Customer | None = None, **overrides) -> Contact:
    n = next(_seq)
    customer = customer or make_customer()
    fields = {
        "first_name": "Ann",
        "last_name": f"Contact{n}",
        "email": f"contact{n}@example.com",
        "is_primary": not customer.contacts,
    }
    fields.update(overrides)
    contact = Contact(customer=customer, **fields)
    db.session.add(contact)
    db.session.commit()
    return contact
