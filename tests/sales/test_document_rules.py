"""What saving a document refuses or keeps: the total below what was paid, the snapshot, a sent
document's customer, impossible amounts, dates and payments, an expired estimate, too many lines."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Document, TaxRate
from app.services import FormErrors, ValidationError
from app.services.sales.actions import answer_estimate, record_payment
from app.services.sales.service import ItemInput, save_document
from tests.factories import (
    document_input,
    make_admin,
    make_currency,
    make_customer,
    make_document,
)


def test_a_paid_invoice_cannot_be_saved_again(ctx):
    invoice = make_document(status="unpaid")
    record_payment(invoice, Decimal(100), date(2026, 11, 3), "card", None, None)
    with pytest.raises(ValidationError):  # issued, hence final
        save_document(invoice, "invoice", document_input(invoice), None)


def test_a_resave_keeps_the_tax_rate_and_customer_snapshot(ctx):
    vat = TaxRate(name="VAT", percent=Decimal(20))
    db.session.add(vat)
    db.session.commit()
    customer = make_customer(company="Before")
    invoice = make_document(
        customer, status="draft", lines=[ItemInput("A", Decimal(1), Decimal(10), tax_ids=[vat.id])]
    )
    vat.percent = Decimal(21)
    customer.company = "After"
    db.session.commit()
    again = save_document(
        invoice,
        "invoice",
        document_input(invoice, items=[ItemInput("A", Decimal(1), Decimal(10), tax_ids=[vat.id])]),
        None,
    )
    assert again.total == Decimal("12.00") and again.client_company == "Before"


def test_a_sent_document_cannot_move_to_another_customer(ctx):
    invoice = make_document(status="unpaid")
    other = make_customer()
    with pytest.raises(ValidationError):
        save_document(invoice, "invoice", document_input(invoice, customer_id=other.id), None)


@pytest.mark.parametrize(
    "items,discount",
    [
        ([ItemInput("A", Decimal(1), Decimal(100))], ("fixed", Decimal(500))),
        ([ItemInput("A", Decimal(1), Decimal(-50))], ("none", Decimal(0))),
        ([ItemInput("A", Decimal(1), Decimal("NaN"))], ("none", Decimal(0))),
        ([ItemInput("A", Decimal(999999999999), Decimal(999999999999))], ("none", Decimal(0))),
    ],
)
def test_impossible_amounts_are_refused(ctx, items, discount):
    invoice = make_document(status="draft")
    with pytest.raises(FormErrors):
        save_document(
            invoice,
            "invoice",
            document_input(
                invoice, items=items, discount_type=discount[0], discount_value=discount[1]
            ),
            None,
        )


def test_out_of_range_dates_are_refused(ctx):
    invoice = make_document(status="draft")
    with pytest.raises(FormErrors):
        save_document(invoice, "invoice", document_input(invoice, issue_date=date(1, 1, 1)), None)


@pytest.mark.parametrize("amount", [Decimal("0.004"), Decimal("1e30"), Decimal("NaN")])
def test_odd_payments_are_refused(ctx, amount):
    invoice = make_document(status="unpaid")
    with pytest.raises(FormErrors):
        record_payment(invoice, amount, date(2026, 11, 3), "card", None, None)
    assert invoice.payments == []


def test_an_expired_estimate_cannot_be_accepted(ctx):
    estimate = make_document(kind="estimate", status="sent")
    estimate.due_date = date.today() - timedelta(days=1)
    with pytest.raises(ValidationError):
        answer_estimate(estimate, True)


def test_too_many_lines_are_refused_not_cut(client, ctx, login_as):
    login_as(make_admin())
    eur = make_currency("EUR")
    customer = make_customer()
    data = {
        "customer_id": str(customer.id),
        "issue_date": "2026-11-27",
        "currency_id": str(eur.id),
        "language": "en",
        "discount_type": "none",
        "discount_value": "0",
    }
    for n in range(201):
        data.update(
            {f"items-{n}-description": f"L{n}", f"items-{n}-quantity": "1", f"items-{n}-rate": "1"}
        )
    response = client.post_form("/admin/invoices/new", data, token_from="/admin/")
    assert response.status_code == 422
    assert db.session.scalars(select(Document)).all() == []
