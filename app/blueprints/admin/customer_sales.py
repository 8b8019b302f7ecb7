"""The Invoices, Credit notes, Estimates and Proposals tabs of a customer's page."""

from app.blueprints.admin import bp
from app.blueprints.admin.customers import customer_tab
from app.services.sales.queries import customer_documents


def _tab(customer_id: int, kind: str):
    return customer_tab(
        customer_id,
        f"{kind}s",
        lambda of, scope: customer_documents(of, kind, scope),
        "admin/customers/sales.html",
        kind=kind,
    )


@bp.get("/customers/<int:customer_id>/invoices")
def customer_invoices(customer_id: int):
    return _tab(customer_id, "invoice")


@bp.get("/customers/<int:customer_id>/credit-notes")
def customer_credit_notes(customer_id: int):
    return _tab(customer_id, "credit")


@bp.get("/customers/<int:customer_id>/estimates")
def customer_estimates(customer_id: int):
    return _tab(customer_id, "estimate")


@bp.get("/customers/<int:customer_id>/proposals")
def customer_proposals(customer_id: int):
    return _tab(customer_id, "proposal")
