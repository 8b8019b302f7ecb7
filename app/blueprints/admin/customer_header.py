"""The header every customer page shows, read by the view: templates never query."""

from app.models import Customer
from app.services.mail.outbox import undelivered_for
from app.services.sales.service import default_currency


def customer_header(customer: Customer, tab: str | None = None) -> dict:
    """The context of layouts/customer.html: the customer, its facts, undelivered mail, open tab."""
    currency = default_currency()
    return {
        "customer": customer,
        "tab": tab,
        "primary_contact": next((c for c in customer.contacts if c.is_primary), None),
        "default_currency": currency.code if currency else "",
        "pending_mail": undelivered_for(customer.id),
    }
