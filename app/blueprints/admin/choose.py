"""Step one of every "New …" that belongs to a customer: find the customer as you type."""

from flask import request

from app.htmx import render
from app.services.customers.search import CustomerFilters, page_of_customers


def customer_chooser(kind: str):
    """The search page (or, for htmx, its list of matches) leading to the `kind` form."""
    q = (request.args.get("q") or "").strip()[:200]
    customers = page_of_customers(CustomerFilters(q=q, active=True), 1, 10) if q else []
    return render("admin/choose_customer.html", block="choices", kind=kind, q=q,
                  customers=customers)  # fmt: skip
