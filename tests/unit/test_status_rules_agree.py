"""The overdue and expired rules are read in Python (a badge) and in SQL (a list filter, the
dashboard): both give the same answer for every kind, status and due date."""

from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Contract, Document
from app.models.contract import CONTRACT_STATUSES
from app.models.sales import (
    CREDIT_NOTE_STATUSES,
    ESTIMATE_STATUSES,
    INVOICE_STATUSES,
    PROPOSAL_STATUSES,
)
from app.services.contracts import status as contract_status
from app.services.sales import status as sales_status
from tests.factories import make_contract, make_customer, make_document

TODAY = date(2026, 12, 15)
DUE_DATES = (None, TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1))
STATUSES = {"invoice": INVOICE_STATUSES, "estimate": ESTIMATE_STATUSES,
            "proposal": PROPOSAL_STATUSES, "credit": CREDIT_NOTE_STATUSES}  # fmt: skip


def test_document_status_in_sql_is_the_status_in_python(ctx):
    customer = make_customer()
    documents = []
    for kind, statuses in STATUSES.items():
        for status in statuses:
            for due in DUE_DATES:
                document = make_document(customer, kind=kind, status=status)
                document.due_date = due  # after saving: a due date before the issue date too
                documents.append(document)
    db.session.commit()
    shown = {name for statuses in STATUSES.values() for name in statuses} | {"overdue", "expired"}
    for name in sorted(shown):
        in_sql = set(db.session.scalars(
            select(Document.id).where(sales_status.shown_as(name, TODAY))))  # fmt: skip
        in_python = {d.id for d in documents if sales_status.effective_status(d, TODAY) == name}
        assert in_sql == in_python, name
    late = {d.id for d in documents if sales_status.effective_status(d, TODAY) == "overdue"}
    assert len(late) == 2  # unpaid and partial invoices due yesterday: the rule is exercised


def test_contract_status_in_sql_is_the_status_in_python(ctx):
    customer = make_customer()
    contracts = [
        make_contract(customer, status=status, start_date=TODAY - timedelta(days=30), end_date=end)
        for status in CONTRACT_STATUSES
        for end in DUE_DATES
    ]
    for name in (*CONTRACT_STATUSES, "expired"):
        in_sql = set(db.session.scalars(
            select(Contract.id).where(contract_status.shown_as(name, TODAY))))  # fmt: skip
        in_python = {c.id for c in contracts if contract_status.effective_status(c, TODAY) == name}
        assert in_sql == in_python, name
    expired = [c for c in contracts if contract_status.effective_status(c, TODAY) == "expired"]
    assert len(expired) == 2  # sent and signed, ended yesterday
