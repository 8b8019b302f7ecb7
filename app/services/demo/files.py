"""Demo files (once) on Boulangerie Martin: one shared with its portal (its contacts see it
under Files, described in the customer's language), one kept for staff (in the system one)."""

from contextlib import nullcontext

from flask_babel import force_locale
from sqlalchemy import exists, select

from app.extensions import db
from app.models import Customer, CustomerFile, User
from app.services.customers.files import add_file
from app.services.demo.words import word

DEMO_FILES_CUSTOMER = "Boulangerie Martin SARL"
SCHEDULE = b"date,task\n2027-01-15,Backups checked\n2027-04-15,Updates installed\n"
NOTES = b"Kick-off meeting\n- New menu pages before Easter\n- Online orders next year\n"
# file name, content, words of the description, shared with the portal
DEMO_FILES = [
    ("maintenance-schedule.csv", SCHEDULE, "Maintenance schedule", True),
    ("kick-off-notes.txt", NOTES, "Notes from the kick-off meeting", False),
]


def load_demo_files(admin: User) -> int:
    """Add the demo files unless the customer has files already; returns how many were added."""
    customer = db.session.scalar(select(Customer).where(Customer.company == DEMO_FILES_CUSTOMER))
    if customer is None or db.session.scalar(
        select(exists().where(CustomerFile.customer_id == customer.id))
    ):
        return 0
    for name, content, text, shared in DEMO_FILES:
        with force_locale(customer.language) if shared else nullcontext():
            description = word(text)
        add_file(customer, (name, content), description, shared, admin)
    db.session.flush()
    return len(DEMO_FILES)
