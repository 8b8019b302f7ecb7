"""Demo reminders for the demo administrator (once): one overdue on a contract, one for
tomorrow on a customer, so the dashboard's My reminders card has something to show."""

from datetime import timedelta

from sqlalchemy import exists, select

from app.extensions import db
from app.models import Contract, Customer, Reminder, User
from app.models.types import utcnow
from app.services.demo.words import word

# company, words of the description, hours from now, on the customer's first contract
DEMO_REMINDERS = [
    ("Boulangerie Martin SARL", "Call about renewing the maintenance contract", -20, True),
    ("Müller Maschinenbau GmbH", "Send the new price list", 20, False),
]


def load_demo_reminders(admin: User) -> int:
    """Add the demo reminders if there are none yet (in the system language: the admin reads
    them); returns how many were added."""
    if db.session.scalar(select(exists().where(Reminder.id.isnot(None)))):
        return 0
    added = 0
    for company, text, hours, on_contract in DEMO_REMINDERS:
        customer = db.session.scalar(select(Customer).where(Customer.company == company))
        if customer is None:
            continue
        contract_id = db.session.scalar(
            select(Contract.id).where(Contract.customer_id == customer.id).order_by(Contract.id)
        ) if on_contract else None  # fmt: skip
        db.session.add(Reminder(customer_id=customer.id, contract_id=contract_id,
                                user_id=admin.id, created_by_id=admin.id,
                                due_at=utcnow() + timedelta(hours=hours),
                                description=word(text)))  # fmt: skip
        added += 1
    db.session.flush()
    return added
