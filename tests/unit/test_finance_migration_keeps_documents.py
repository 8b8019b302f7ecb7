"""Migration 0010 rebuilds the documents table (numbers become optional): every document keeps
its number, lines, taxes and payments, and the next id is still never an old one."""

from decimal import Decimal

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select

from app.extensions import db
from app.models import Document, DocumentItem, Payment
from app.services.sales.actions import record_payment
from tests.factories import make_document


def counts() -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Document, DocumentItem, Payment)
    )


def test_documents_lines_and_payments_survive_the_migration(app, ctx):
    invoice = make_document(status="unpaid")
    record_payment(invoice, Decimal("100"), invoice.issue_date, "cash", None, None)
    estimate = make_document(kind="estimate")
    db.session.commit()
    invoice_id, estimate_id = invoice.id, estimate.id
    before = counts()
    assert before == (2, 2, 1)
    db.session.remove()
    downgrade(revision="0009_outbox_claims")
    try:
        assert counts() == before
    finally:
        db.session.remove()
        upgrade()
    assert counts() == before
    kept = db.session.get(Document, invoice_id)
    assert kept.number == "INV-000001" and kept.amount_paid == Decimal("100")
    assert db.session.get(Document, estimate_id).number == "EST-000001"
    db.session.delete(db.session.get(Document, estimate_id))
    db.session.commit()
    assert make_document(kind="estimate").id > estimate_id  # AUTOINCREMENT kept: ids never reused
