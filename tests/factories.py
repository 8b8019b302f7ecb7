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
    from app.services.customers.normalize import company_key

    fields = {"company": f"Company {next(_seq)} Ltd", **overrides}
    fields.setdefault("company_key", company_key(fields["company"]))
    customer = Customer(**fields)
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


def new_customer_form(**overrides) -> dict:
    """A valid, complete New customer form as a browser would post it."""
    data = {
        "company": "Boulangerie Martin SARL",
        "vat_number": "FR40303265045",
        "phone": "01 42 68 53 00",
        "website": "Boulangerie-Martin.example.com/",
        "address": "12 rue de la Paix",
        "city": "Paris",
        "state": "Île-de-France",
        "zip": "75002",
        "country": "FR",
        "contact_first_name": "Claire",
        "contact_last_name": "Martin",
        "contact_email": "Claire.Martin@example.com",
        "contact_phone": "+33 6 12 34 56 78",
        "contact_position": "Gérante",
        "password_choice": "link",
        "perm_invoices": "y",
        "perm_estimates": "y",
        "perm_contracts": "y",
        "perm_proposals": "y",
        "perm_projects": "y",
        "billing_street": "12 rue de la Paix",
        "billing_city": "Paris",
        "billing_zip": "75002",
        "billing_country": "FR",
        "shipping_street": "3 quai des Entrepôts",
        "shipping_city": "Lyon",
        "shipping_zip": "69002",
        "shipping_country": "FR",
        "language": "fr",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def make_document(customer=None, kind="invoice", status="draft", lines=None, **overrides):
    """A saved estimate or invoice through the real service (numbered, totals computed)."""
    from datetime import date, timedelta
    from decimal import Decimal

    from app.services.sales.service import DocumentInput, ItemInput, save_document

    customer = customer or make_customer()
    currency = Currency.query.filter_by(code="EUR").first() or make_currency("EUR")
    data = DocumentInput(
        customer_id=customer.id,
        issue_date=date(2026, 11, 2),
        due_date=overrides.pop("due_date", date.today() + timedelta(days=30)),  # not yet late
        currency_id=currency.id,
        language=overrides.pop("language", "en"),
        billing={"street": "1 rue A", "city": "Paris", "country": "FR"},
        include_shipping=False,
        shipping={},
        items=lines or [ItemInput("Design work", Decimal("2"), Decimal("450"))],
        **overrides,
    )
    document = save_document(None, kind, data, None)
    document.status = status
    db.session.commit()
    return document
