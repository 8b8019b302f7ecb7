"""Shared makers for the contract tests."""

from datetime import date, timedelta

from app.extensions import db
from app.models import Contract
from app.models.types import utcnow


def make_contract(customer, **overrides) -> Contract:
    """A committed contract of `customer` (a sent one, a year long, unless told otherwise)."""
    fields = {
        "subject": "Maintenance",
        "currency_code": "EUR",
        "start_date": date.today(),
        "end_date": date.today() + timedelta(days=365),
        "status": "sent",
        "content": "<p>We maintain your site.</p>",
        **overrides,
    }
    if fields["status"] == "signed":
        fields.setdefault("signed_at", utcnow())
    contract = Contract(customer=customer, **fields)
    db.session.add(contract)
    db.session.commit()
    return contract
