"""Demo contract types and contracts (once, like the rest of the demo data)."""

from datetime import date, timedelta
from decimal import Decimal

from flask_babel import force_locale
from sqlalchemy import exists, select

from app.extensions import db
from app.models import Contract, ContractType, Customer, User
from app.services.contracts.service import ContractInput, save_contract
from app.services.contracts.types import save_type
from app.services.demo.words import word
from app.services.languages import customer_language
from app.services.sales.service import default_currency

# company, subject, type, value, days since start, length in days, status (words: demo/words.py)
DEMO_CONTRACTS = [
    ("Boulangerie Martin SARL", "Website maintenance", "Maintenance", 1200, 340, 365, "sent"),
    ("Müller Maschinenbau GmbH", "Hosting and support", "Hosting", 2400, 30, 365, "signed"),
    ("Estudio Olivares", "Brand consulting retainer", "Consulting", 3600, 0, 180, "draft"),
]


def load_demo_contracts(admin: User) -> int:
    """Add the demo contracts if there are none yet; returns how many were added."""
    if db.session.scalar(select(exists().where(Contract.id.isnot(None)))):
        return 0
    types = {t.name: t for t in db.session.scalars(select(ContractType))}
    added = 0
    for company, subject, kind, value, days, length, status in DEMO_CONTRACTS:
        customer = db.session.scalar(select(Customer).where(Customer.company == company))
        currency = (customer.currency or default_currency()) if customer else None
        if customer is None or currency is None:
            continue
        kind = word(kind)  # a setting of the firm: the system language
        if kind not in types:
            types[kind] = save_type(None, kind)
        with force_locale(customer_language(customer)):  # what the customer reads: theirs
            subject = word(subject)
            content = word("contract", subject=subject, company=company)
        start = date.today() - timedelta(days=days)
        contract = save_contract(None, ContractInput(
            customer_id=customer.id, subject=subject, type_id=types[kind].id,
            value=Decimal(value), currency_code=currency.code, start_date=start,
            end_date=start + timedelta(days=length),
            content=content,
        ), admin)  # fmt: skip
        contract.status = status
        if status == "signed":
            contact = next((c for c in customer.contacts if c.is_primary), None)
            contract.signed_name = contact.full_name if contact else "Demo"
            contract.signed_at = contract.created_at
            contract.signed_by_contact_id = contact.id if contact else None
        added += 1
    db.session.flush()
    return added
