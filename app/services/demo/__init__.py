"""Demo data for trying Comptoir: loaded once, safe to run again."""

import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, select

from app.extensions import db
from app.i18n import default_language
from app.models import Currency, Customer, User
from app.services.demo.customers import DEMO_ADDRESSES, DEMO_CUSTOMERS
from app.services.demo.words import word
from app.services.staff import create_staff, find_staff

DEMO_ADMIN = "admin@example.com"
DEMO_STAFF = "sales@example.com"
# Sam Sales (the Sales role: "view own") looks after these customers, and sees only them.
DEMO_STAFF_CUSTOMERS = ("Boulangerie Martin SARL", "Estudio Olivares", "Acme Web Studio Inc.")

# code, symbol, decimals, symbol after the amount
COMMON_CURRENCIES = [
    ("EUR", "€", 2, True),
    ("USD", "$", 2, False),
    ("GBP", "£", 2, False),
    ("CHF", "CHF", 2, True),
    ("CAD", "$", 2, False),
    ("JPY", "¥", 0, False),
]

DEMO_GROUPS = ["VIP", "Wholesale", "Agencies", "Public sector"]  # named in the system language


@dataclass
class DemoResult:
    email: str
    password: str | None
    created: bool
    customers: int
    sales_email: str = DEMO_STAFF
    sales_password: str | None = None  # known only for a demo made since Sam got a role


def ensure_currencies() -> dict[str, Currency]:
    """Make sure the common currencies exist, EUR being the default if none is."""
    existing = {c.code: c for c in db.session.scalars(select(Currency))}
    for code, symbol, decimals, after in COMMON_CURRENCIES:
        if code not in existing:
            existing[code] = Currency(
                code=code, symbol=symbol, decimals=decimals, symbol_after=after
            )
            db.session.add(existing[code])
    if not any(c.is_default for c in existing.values()):
        existing["EUR"].is_default = True
    db.session.flush()
    return existing


def _login_file() -> Path:
    return Path(current_app.instance_path) / "demo-login.txt"


def _ensure_staff() -> tuple[list[str], bool]:
    """Create the demo admin and Sam Sales (Sales role), random passwords kept in instance/
    (one a line: the admin's, then Sam's); the passwords known, and whether they were made."""
    from app.services.roles import built_in_role

    if find_staff(DEMO_ADMIN) is None:
        passwords = [secrets.token_urlsafe(9)]
        create_staff(DEMO_ADMIN, passwords[0], name="Alex Admin", admin=True)
        if find_staff(DEMO_STAFF) is None:
            passwords.append(secrets.token_urlsafe(9))
            create_staff(DEMO_STAFF, passwords[1], name="Sam Sales", role=built_in_role("sales"))
        _login_file().write_text("\n".join(passwords) + "\n")
        return passwords, True
    path = _login_file()
    return (path.read_text().split() if path.exists() else []), False


def _ensure_customers(currencies: dict[str, Currency], admin: User) -> int:
    """Add each demo customer that is not there yet; returns how many were added."""
    from app.services.customers.cleaning import CustomerData
    from app.services.customers.contacts import add_contact
    from app.services.customers.groups import find_or_create_group
    from app.services.customers.service import create_customer

    groups = {name: find_or_create_group(word(name)) for name in DEMO_GROUPS}
    sam = find_staff(DEMO_STAFF)
    added = 0
    for company, country, city, code, language, group_names, people in DEMO_CUSTOMERS:
        found = db.session.scalar(
            select(func.count()).select_from(Customer).where(Customer.company == company)
        )
        if found:
            continue
        values = {
            "company": company,
            "country": country,
            "city": city,
            "billing_country": country,
            "billing_city": city,
            "language": language,
            **DEMO_ADDRESSES.get(company, {}),
        }
        data = CustomerData(
            values=values,
            currency=currencies[code],
            groups=[groups[g] for g in group_names],
            admins=[sam] if sam is not None and company in DEMO_STAFF_CUSTOMERS else [],
        )
        customer = create_customer(data, admin)
        for first, last, email, position in people:
            add_contact(
                customer,
                {"first_name": first, "last_name": last, "email": email, "position": position},
                admin,
            )
        added += 1
    db.session.flush()
    return added


def load_demo_data() -> DemoResult:
    """Currencies, groups, staff and customers with contacts, each created only once; the
    firm's settings named in the system language (Settings → Localization, else
    DEFAULT_LANGUAGE), what each customer reads in its own."""
    with force_locale(default_language()):
        return _load_demo_data()


# The demo firm's country in each system language (its currency, EUR, is the demo default).
DEMO_COUNTRY = {"fr": "FR", "de": "DE", "es": "ES"}


def _ensure_company() -> None:
    """Name the demo firm, its country and language unless an administrator already has, so
    the dashboard shows the demo rather than the first-run card."""
    from app.services.settings import load_settings, save_settings

    settings, language = load_settings(), default_language()
    values = {
        "company_name": word("Demo Studio"),
        "company_country": DEMO_COUNTRY.get(language, "IE"),
        "default_language": language,
    }
    save_settings({key: value for key, value in values.items() if not settings.is_saved(key)})


def _load_demo_data() -> DemoResult:
    currencies = ensure_currencies()
    _ensure_company()
    passwords, created = _ensure_staff()
    admin = find_staff(DEMO_ADMIN)
    added = _ensure_customers(currencies, admin)
    from app.services.demo.sales import load_demo_sales

    load_demo_sales(admin)
    from app.services.demo.projects import load_demo_projects

    load_demo_projects(admin)

    from app.services.demo.contracts import load_demo_contracts

    load_demo_contracts(admin)
    from app.services.demo.kb import load_demo_kb

    load_demo_kb(admin)
    from app.services.demo.reminders import load_demo_reminders

    load_demo_reminders(admin)
    from app.services.demo.files import load_demo_files

    load_demo_files(admin)
    return DemoResult(
        email=DEMO_ADMIN,
        password=passwords[0] if passwords else None,
        created=created or bool(added),
        customers=added,
        sales_password=passwords[1] if len(passwords) > 1 else None,
    )
