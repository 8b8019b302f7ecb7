"""Estimates and invoices: prefill, numbering, snapshot, currency lock, payments, conversion."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Customer, Document, TaxRate
from app.services import FormErrors, ValidationError
from app.services.customers.hooks import has_transactions
from app.services.sales.actions import (
    cancel_invoice,
    convert_to_invoice,
    issue,
    record_payment,
)
from app.services.sales.service import ItemInput
from app.services.sales.status import effective_status
from tests.factories import document_form, make_admin, make_currency, make_customer, make_document


@pytest.fixture
def admin(client, ctx, login_as):
    user = make_admin()
    login_as(user)
    return user


def test_choosing_a_customer_fills_addresses_currency_and_language(client, admin):
    usd = make_currency("USD", symbol="$")
    customer = make_customer(
        company="Acme",
        billing_street="1 Main St",
        billing_city="Boston",
        shipping_street="9 Dock Rd",
        shipping_city="Salem",
        currency_id=usd.id,
        language="de",
    )
    page = client.get(f"/admin/invoices/new?customer={customer.id}").get_data(as_text=True)
    assert 'value="Boston"' in page and 'value="Salem"' in page
    assert '<input checked id="include_shipping"' in page  # a different shipping address
    assert f'<option selected value="{usd.id}">' in page
    assert '<option lang="de" selected value="de">' in page
    same = make_customer(company="Same", billing_city="Paris", shipping_city="Paris")
    page = client.get(f"/admin/invoices/new?customer={same.id}").get_data(as_text=True)
    assert '<input id="include_shipping"' in page


def test_customer_search_on_a_new_invoice(client, admin):
    from app.services.customers.search import reindex_customer

    customer = make_customer(company="Fromagerie Dubois")
    reindex_customer(customer)
    db.session.commit()
    body = client.get("/admin/invoices/new?q=froma", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert f'href="/admin/invoices/new?customer={customer.id}"' in body


def test_create_an_invoice_with_taxes_and_number(client, admin):
    eur = make_currency("EUR", is_default=True)
    tax = TaxRate(name="VAT", percent=Decimal("20"))
    db.session.add(tax)
    db.session.commit()
    customer = make_customer(company="Acme")
    url = "/admin/invoices/new"
    response = client.post_form(
        url, document_form(customer, eur, **{"items-0-taxes": str(tax.id)}), token_from=url
    )
    assert response.status_code == 303
    invoice = db.session.scalars(select(Document)).one()
    assert invoice.number is None and invoice.status == "draft"  # numbered when issued
    assert invoice.total == Decimal("1080.00") and invoice.items[0].taxes[0].name == "VAT"
    second = client.post_form(url, document_form(customer, eur), token_from=url)
    assert second.status_code == 303
    for document in db.session.scalars(select(Document).order_by(Document.id.desc())):
        issue(document)  # the later draft issued first takes the first number
    db.session.commit()
    assert db.session.scalars(select(Document.number).order_by(Document.id)).all() == [
        "INV-000002",
        "INV-000001",
    ]


def test_saved_over_htmx_the_browser_goes_to_the_document(client, admin):
    eur = make_currency("EUR")
    url = "/admin/estimates/new"
    response = client.post_form(
        url, document_form(make_customer(), eur), token_from=url, headers={"HX-Request": "true"}
    )
    estimate = db.session.scalars(select(Document)).one()
    assert response.status_code == 204  # not a 303: htmx would put the next page in the form
    assert response.headers["HX-Redirect"] == f"/admin/estimates/{estimate.id}"


def test_adding_a_line_keeps_what_was_typed(client, admin):
    eur = make_currency("EUR")
    customer = make_customer()
    url = "/admin/invoices/new"
    response = client.post_form(url, document_form(customer, eur, _add_line="1"), token_from=url)
    body = response.get_data(as_text=True)
    assert body.count('class="item-line"') == 2 and 'value="Design"' in body
    assert db.session.scalars(select(Document)).all() == []


@pytest.mark.parametrize(
    "overrides",
    [
        {"customer_id": "999999"},
        {"customer_id": ""},
        {"currency_id": "999"},
        {"language": "xx"},
        {"items-0-description": ""},
        {"items-0-quantity": "-1"},
        {"items-0-rate": "abc"},
        {"items-0-taxes": "4242"},
        {"discount_type": "percent", "discount_value": "150"},
        {"due_date": "2026-01-01"},
        {"issue_date": "not a date"},
    ],
)
def test_bad_input_saves_nothing(client, admin, overrides):
    eur = make_currency("EUR")
    customer = make_customer()
    url = "/admin/invoices/new"
    response = client.post_form(url, document_form(customer, eur, **overrides), token_from=url)
    assert response.status_code == 422
    assert db.session.scalars(select(Document)).all() == []


def test_numbers_never_repeat_or_skip_under_concurrent_saves(app, ctx):
    customer = make_customer()
    make_currency("EUR")
    customer_id = customer.id
    errors = []

    def worker():
        with app.app_context():
            try:
                make_document(db.session.get(Customer, customer_id), kind="estimate")
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(db.session.scalars(select(Document.sequence)).all())
    assert sequences == list(range(1, 9))


def test_snapshot_survives_customer_edits(client, admin):
    customer = make_customer(company="Old Name", vat_number="FR40303265045")
    invoice = make_document(customer, status="unpaid")
    url = f"/admin/customers/{customer.id}"
    client.post_form(
        url, {"company": "New Name", "version": "1", "billing_city": "Nice"}, token_from=url
    )
    db.session.expire_all()
    kept = db.session.get(Document, invoice.id)
    assert (kept.client_company, kept.billing_city, kept.client_vat) == (
        "Old Name",
        "Paris",
        "FR40303265045",
    )
    assert db.session.get(Customer, customer.id).company == "New Name"


def test_documents_lock_the_customers_currency(client, admin):
    usd = make_currency("USD", symbol="$")
    customer = make_customer(company="Acme")
    assert not has_transactions(customer.id)
    make_document(customer)
    assert has_transactions(customer.id)
    url = f"/admin/customers/{customer.id}"
    response = client.post_form(
        url, {"company": "Acme", "version": "1", "currency": str(usd.id)}, token_from=url
    )
    assert response.status_code == 422
    assert "cannot be deleted" in client.get(f"{url}/delete").get_data(as_text=True)


def test_payments_follow_status_and_refuse_overpayment(ctx):
    invoice = make_document(status="draft")
    issue(invoice)
    assert invoice.status == "unpaid" and invoice.total == Decimal("900.00")
    record_payment(invoice, Decimal("400"), invoice.issue_date, "card", None, None)
    assert invoice.status == "partial" and invoice.amount_due == Decimal("500.00")
    with pytest.raises(FormErrors) as refused:
        record_payment(invoice, Decimal("500.01"), invoice.issue_date, "card", None, None)
    assert "amount" in refused.value.errors
    with pytest.raises(ValidationError):
        cancel_invoice(invoice)
    record_payment(invoice, Decimal("500"), invoice.issue_date, "bank_transfer", "Final", None)
    assert invoice.status == "paid" and invoice.amount_due == 0
    with pytest.raises(ValidationError):
        record_payment(invoice, Decimal("1"), invoice.issue_date, "card", None, None)


def test_payment_form_in_the_dashboard(client, admin):
    invoice = make_document(status="unpaid")
    url = f"/admin/invoices/{invoice.id}/payments"
    bad = client.post_form(
        url, {"amount": "9999", "paid_on": "2026-11-27", "mode": "card"}, token_from="/admin/"
    )
    assert bad.status_code == 422 and "more than the amount due" in bad.get_data(as_text=True)
    assert (
        client.post_form(
            url, {"amount": "900,00", "paid_on": "2026-11-27", "mode": "cash"}, token_from="/admin/"
        ).status_code
        == 303
    )
    db.session.expire_all()
    assert db.session.get(Document, invoice.id).status == "paid"


def test_overdue_and_expired_are_derived(ctx):
    invoice = make_document(status="unpaid", due_date=date(2026, 12, 2))
    assert effective_status(invoice, date(2026, 12, 3)) == "overdue"
    assert effective_status(invoice, date(2026, 12, 1)) == "unpaid"
    estimate = make_document(kind="estimate", status="sent", due_date=date(2026, 12, 2))
    assert effective_status(estimate, date(2027, 1, 1)) == "expired"
    proposal = make_document(kind="proposal", status="revised", due_date=date(2026, 12, 2))
    assert effective_status(proposal, date(2026, 12, 1)) == "revised"
    assert effective_status(proposal, date(2027, 1, 1)) == "expired"


def test_estimate_converts_once_into_an_invoice(ctx):
    estimate = make_document(
        kind="estimate",
        status="sent",
        lines=[
            ItemInput("A", Decimal("1"), Decimal("10")),
            ItemInput("B", Decimal("3"), Decimal("5.5")),
        ],
    )
    invoice = convert_to_invoice(estimate, None)
    assert invoice.kind == "invoice" and invoice.number is None  # a draft, numbered when issued
    assert [i.description for i in invoice.items] == ["A", "B"] and invoice.total == estimate.total
    assert estimate.status == "accepted" and estimate.converted_to_id == invoice.id
    with pytest.raises(ValidationError):
        convert_to_invoice(estimate, None)


def test_lists_filter_and_total_per_currency(client, admin):
    usd = make_currency("USD", symbol="$")
    a = make_customer(company="Alpha")
    make_document(a, status="unpaid")
    make_document(make_customer(company="Beta"), status="paid")
    from app.services.sales.service import DocumentInput, save_document

    data = DocumentInput(
        customer_id=a.id,
        issue_date=date(2026, 11, 5),
        due_date=None,
        currency_id=usd.id,
        language="en",
        billing={},
        include_shipping=False,
        shipping={},
        items=[ItemInput("X", Decimal("1"), Decimal("100"))],
    )
    save_document(None, "invoice", data, None).status = "unpaid"
    db.session.commit()
    body = client.get("/admin/invoices").get_data(as_text=True)
    assert "€1,800.00" in body and "$100.00" in body  # never added across currencies
    only_paid = client.get("/admin/invoices?status=paid").get_data(as_text=True)
    assert "Beta" in only_paid and "Alpha" not in only_paid
    assert "Beta" not in client.get("/admin/invoices?q=alp").get_data(as_text=True)
    assert client.get("/admin/invoices?from=bogus&to=2026-13-40&status=x").status_code == 200


def test_recording_a_payment_emails_a_receipt(client, admin, inbox):
    from tests.factories import make_contact

    customer = make_customer(language="fr")
    make_contact(customer, email="compta@example.com")
    invoice = make_document(customer, status="unpaid", language="fr")
    url = f"/admin/invoices/{invoice.id}/payments"
    client.post_form(
        url,
        {"amount": "100", "paid_on": "2026-11-27", "mode": "card", "send_receipt": "y"},
        token_from="/admin/",
    )
    message = inbox.only()
    assert message["To"] == "compta@example.com" and "INV-000001" in message["Subject"]
    assert "100,00" in message.get_body(("plain",)).get_content()


def test_remove_a_line_keeps_the_others(client, admin):
    eur = make_currency("EUR")
    customer = make_customer()
    url = "/admin/invoices/new"
    data = document_form(
        customer,
        eur,
        **{
            "items-1-description": "Second",
            "items-1-quantity": "1",
            "items-1-rate": "5",
            "_remove_line": "0",
        },
    )
    body = client.post_form(url, data, token_from=url).get_data(as_text=True)
    assert body.count('class="item-line"') == 1 and 'value="Second"' in body
    assert 'value="Design"' not in body


def test_unit_rates_are_shown_unrounded(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(
        status="unpaid", lines=[ItemInput("Tiny", Decimal(3), Decimal("0.0015"))]
    )
    page = client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True)
    assert "€0.0015" in page
