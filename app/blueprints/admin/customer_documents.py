"""The Invoices, Estimates and Proposals tabs of a customer's page."""

from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.customers import get_customer
from app.htmx import render
from app.services.sales.queries import customer_documents
from app.services.scope import scope_of


def _tab(customer_id: int, kind: str):
    customer = get_customer(customer_id)
    documents = customer_documents(customer.id, kind, scope_of(current_user))
    return render(
        "admin/customers/documents.html",
        customer=customer,
        kind=kind,
        documents=documents,
        tab=f"{kind}s",
    )


@bp.get("/customers/<int:customer_id>/invoices")
def customer_invoices(customer_id: int):
    return _tab(customer_id, "invoice")


@bp.get("/customers/<int:customer_id>/estimates")
def customer_estimates(customer_id: int):
    return _tab(customer_id, "estimate")


@bp.get("/customers/<int:customer_id>/proposals")
def customer_proposals(customer_id: int):
    return _tab(customer_id, "proposal")
