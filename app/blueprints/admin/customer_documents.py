"""The Invoices, Estimates and Proposals tabs of a customer's page."""

from sqlalchemy import select

from app.blueprints.admin import bp
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import get_customer
from app.extensions import db
from app.htmx import render
from app.models import Document


def _tab(customer_id: int, kind: str):
    customer = get_customer(customer_id)
    documents = db.session.scalars(
        select(Document).where(Document.customer_id == customer.id, Document.kind == kind)
        .order_by(Document.issue_date.desc(), Document.id.desc())
    ).all()  # fmt: skip
    return render(
        "admin/customers/documents.html",
        kind=kind,
        documents=documents,
        **customer_header(customer, f"{kind}s"),
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
