"""Step one of every "New …" that belongs to a customer: find the customer as you type."""

from flask import request
from flask_login import current_user

from app.htmx import render
from app.services.customers.queries import CustomerFilters, first_customers
from app.services.scope import scope_of


def customer_chooser(kind: str):
    """The search page (or, for htmx, its list of matches) leading to the `kind` form."""
    q = (request.args.get("q") or "").strip()[:200]
    filters = CustomerFilters(q=q, active=True)
    customers = first_customers(filters, scope_of(current_user), 10) if q else []
    return render("admin/choose_customer.html", block="choices", kind=kind, q=q,
                  customers=customers)  # fmt: skip
