"""Credit notes: numbered CN- when issued and then final; made from an issued invoice (prefilled,
linked both ways); applied to open invoices of the same customer and currency with every bad
input refused beside its field; rounded to the currency; undone; refunded; and the credit note
an issued invoice gets when it is cancelled."""

import html
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import CreditApplication, Currency, Document, Payment
from app.services.sales.service import DocumentInput, ItemInput, save_document
from app.services.settings import save_settings
from tests.factories import make_admin, make_currency, make_customer, make_document


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _fresh(document_id: int) -> Document:
    db.session.expire_all()
    return db.session.get(Document, document_id)


def _currency(code: str, decimals: int) -> Currency:
    found = db.session.scalar(select(Currency).where(Currency.code == code))
    return found or make_currency(code, symbol=code, decimals=decimals)


def _document(customer, kind, status, rate, code="EUR", decimals=2, quantity="1"):
    """A saved invoice or credit note in `code`, issued (numbered) unless a draft."""
    from app.services.sales.numbering import assign_number

    currency = _currency(code, decimals)
    line = ItemInput("Work", Decimal(quantity), Decimal(rate))
    data = DocumentInput(customer_id=customer.id, issue_date=date(2026, 11, 2),
                         due_date=date.today() + timedelta(days=30), currency_id=currency.id,
                         language="en", billing={"city": "Paris"}, include_shipping=False,
                         shipping={}, items=[line])  # fmt: skip
    document = save_document(None, kind, data, None)
    if status != "draft":
        assign_number(document, document.issue_date)
    document.status = status
    db.session.commit()
    return document


def _issue_credit_from(client, invoice) -> Document:
    made = client.post_form(f"/admin/invoices/{invoice.id}/credit", token_from="/admin/")
    assert made.status_code == 303
    credit_id = int(re.search(r"/credit-notes/(\d+)/edit", made.headers["Location"]).group(1))
    issued = client.post_form(f"/admin/credit-notes/{credit_id}/issue", token_from="/admin/")
    assert issued.status_code == 303
    return _fresh(credit_id)


def _apply(client, credit, amounts: dict) -> object:
    data = {f"amount_{invoice.id}": text for invoice, text in amounts.items()}
    return client.post_form(f"/admin/credit-notes/{credit.id}/apply", data, token_from="/admin/")


def test_a_credit_note_is_numbered_when_issued_with_its_own_prefix(client, ctx, login_as):
    login_as(make_admin())
    save_settings({"credit_prefix": "AV-{YYYY}-"})
    invoice = make_document(status="unpaid")
    credit = _issue_credit_from(client, invoice)
    assert credit.number == f"AV-{date.today().year}-0001" and credit.status == "open"
    assert credit.issue_date == date.today()
    second = _issue_credit_from(client, make_document(status="unpaid"))
    assert second.number == f"AV-{date.today().year}-0002"
    assert invoice.number == "INV-000001"  # invoices keep their own sequence


def test_settings_finance_shows_the_credit_note_prefix(client, ctx, login_as):
    login_as(make_admin())
    page = _text(client.get("/admin/settings/finance"))
    assert "Credit note number prefix" in page and 'value="CN-"' in page


def test_from_an_invoice_the_credit_note_is_prefilled_and_both_pages_link(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer(company="Boulangerie Martin")
    invoice = make_document(customer, status="unpaid", language="fr")
    made = client.post_form(f"/admin/invoices/{invoice.id}/credit", token_from="/admin/")
    credit = db.session.scalar(select(Document).where(Document.kind == "credit"))
    assert made.headers["Location"].endswith(f"/admin/credit-notes/{credit.id}/edit")
    assert credit.status == "draft" and credit.number is None
    assert credit.credited_invoice_id == invoice.id and credit.customer_id == customer.id
    assert (credit.currency_code, credit.language, credit.total) == ("EUR", "fr", invoice.total)
    assert [i.description for i in credit.items] == [i.description for i in invoice.items]
    edit = _text(client.get(f"/admin/credit-notes/{credit.id}/edit"))
    assert 'value="Design work"' in edit
    credit = _issue_credit_from(client, invoice)
    credit_page = _text(client.get(f"/admin/credit-notes/{credit.id}"))
    assert "Credit note for invoice" in credit_page
    assert f'href="/admin/invoices/{invoice.id}">{invoice.number}</a>' in credit_page
    invoice_page = _text(client.get(f"/admin/invoices/{invoice.id}"))
    assert f'href="/admin/credit-notes/{credit.id}">{credit.number}</a>' in invoice_page


def test_an_issued_invoices_edit_address_offers_the_credit_note(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(status="unpaid")
    page = _text(client.get(f"/admin/invoices/{invoice.id}/edit"))
    assert "create a credit note" in page
    assert f'action="/admin/invoices/{invoice.id}/credit"' in page
    draft = make_document(status="draft")
    assert f"/admin/invoices/{draft.id}/credit" not in _text(
        client.get(f"/admin/invoices/{draft.id}")
    )
    refused = client.post_form(f"/admin/invoices/{draft.id}/credit", token_from="/admin/")
    assert refused.status_code == 303
    assert db.session.scalar(select(Document).where(Document.kind == "credit")) is None


def test_an_issued_credit_note_is_final(client, ctx, login_as):
    login_as(make_admin())
    credit = make_document(kind="credit", status="open")
    page = _text(client.get(f"/admin/credit-notes/{credit.id}/edit"))
    assert "An issued credit note cannot be changed" in page
    assert f'href="/admin/credit-notes/{credit.id}/edit"' not in page
    changed = client.post_form(
        f"/admin/credit-notes/{credit.id}/edit", {"items-0-rate": "1"}, token_from="/admin/"
    )
    assert changed.status_code == 303 and _fresh(credit.id).total == Decimal("900.00")


def test_apply_to_two_invoices_pays_them_and_closes_the_credit_note(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    first = _document(customer, "invoice", "unpaid", "300")
    second = _document(customer, "invoice", "unpaid", "800")
    credit = _document(customer, "credit", "open", "1000")
    page = _text(client.get(f"/admin/credit-notes/{credit.id}"))
    # Prefilled oldest first: all of the first invoice, the rest of the credit on the second.
    assert f'name="amount_{first.id}" type="text" value="300"' in page
    assert f'name="amount_{second.id}" type="text" value="700"' in page
    done = _apply(client, credit, {first: "300", second: "700"})
    assert done.status_code == 303
    first, second, credit = _fresh(first.id), _fresh(second.id), _fresh(credit.id)
    assert (first.status, first.amount_due) == ("paid", 0)
    assert (second.status, second.amount_due) == ("partial", Decimal("100.00"))
    assert (credit.status, credit.amount_due) == ("closed", 0)
    invoice_page = _text(client.get(f"/admin/invoices/{second.id}"))
    assert "Credit applied" in invoice_page and credit.number in invoice_page
    assert "€700.00" in invoice_page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "Enter an amount above zero."),
        ("-5", "Enter an amount above zero."),
        ("901", "This is more than the amount due (€900.00)."),
        ("abc", "Enter a number"),
    ],
)
def test_bad_amounts_are_refused_beside_the_field(client, ctx, login_as, typed, message):
    login_as(make_admin())
    customer = make_customer()
    invoice = _document(customer, "invoice", "unpaid", "900")
    credit = _document(customer, "credit", "open", "1000")
    response = _apply(client, credit, {invoice: typed})
    assert response.status_code == 422
    page = _text(response)
    field = re.search(rf'id="amount_{invoice.id}-error">([^<]*)<', page)
    assert field and message in field.group(1), page[-3000:]
    assert db.session.scalars(select(CreditApplication)).all() == []


def test_an_ambiguous_amount_in_french_is_refused(client, ctx, login_as):
    login_as(make_admin(language="fr"))
    customer = make_customer()
    invoice = _document(customer, "invoice", "unpaid", "2000")
    credit = _document(customer, "credit", "open", "2000")
    response = _apply(client, credit, {invoice: "1.800"})
    assert response.status_code == 422
    assert re.search(rf'id="amount_{invoice.id}-error">', _text(response))
    assert _apply(client, credit, {invoice: "1 800,50"}).status_code == 303
    assert _fresh(invoice.id).amount_paid == Decimal("1800.50")


def test_more_than_the_credit_left_is_refused(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    first = _document(customer, "invoice", "unpaid", "600")
    second = _document(customer, "invoice", "unpaid", "600")
    credit = _document(customer, "credit", "open", "1000")
    response = _apply(client, credit, {first: "600", second: "600"})
    assert response.status_code == 422
    assert "Together this is more than the credit left (€1,000.00)." in _text(response)
    assert _fresh(first.id).amount_paid == 0 and _fresh(credit.id).amount_paid == 0


def test_another_customers_or_currencys_invoice_is_a_404(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    credit = _document(customer, "credit", "open", "1000")
    others = _document(make_customer(), "invoice", "unpaid", "100")
    in_dollars = _document(customer, "invoice", "unpaid", "100", code="USD")
    draft = _document(customer, "invoice", "draft", "100")
    for invoice in (others, in_dollars, draft):
        assert _apply(client, credit, {invoice: "10"}).status_code == 404
    page = _text(client.get(f"/admin/credit-notes/{credit.id}"))
    assert f"amount_{in_dollars.id}" not in page and f"amount_{others.id}" not in page
    assert db.session.scalars(select(CreditApplication)).all() == []


@pytest.mark.parametrize(
    ("code", "decimals", "rate", "typed", "applied"),
    [
        ("JPY", 0, "1000", "333.5", Decimal("334")),
        ("EUR", 2, "100", "33.335", Decimal("33.34")),
        ("KWD", 3, "10", "3.3335", Decimal("3.334")),
    ],
)
def test_amounts_are_rounded_to_the_currency(client, ctx, login_as, code, decimals, rate, typed,
                                             applied):  # fmt: skip
    login_as(make_admin())
    customer = make_customer()
    invoice = _document(customer, "invoice", "unpaid", rate, code, decimals)
    credit = _document(customer, "credit", "open", rate, code, decimals)
    assert _apply(client, credit, {invoice: typed}).status_code == 303
    application = db.session.scalar(select(CreditApplication))
    assert application.amount == applied
    assert _fresh(invoice.id).amount_due == Decimal(rate) - applied
    assert _fresh(credit.id).amount_due == Decimal(rate) - applied


def test_an_application_can_be_undone(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    invoice = _document(customer, "invoice", "unpaid", "500")
    credit = _document(customer, "credit", "open", "500")
    _apply(client, credit, {invoice: "500"})
    assert _fresh(invoice.id).status == "paid" and _fresh(credit.id).status == "closed"
    application = db.session.scalar(select(CreditApplication))
    url = f"/admin/credit-notes/{credit.id}/applications/{application.id}/remove"
    assert client.post_form(url, token_from="/admin/").status_code == 303
    assert _fresh(invoice.id).status == "unpaid" and _fresh(invoice.id).amount_paid == 0
    assert _fresh(credit.id).status == "open" and _fresh(credit.id).amount_due == 500
    again = client.post_form(url, token_from="/admin/")
    assert again.status_code == 404


def test_a_refund_uses_the_credit_left(client, ctx, login_as):
    login_as(make_admin())
    credit = make_document(kind="credit", status="open")  # 900.00
    url = f"/admin/credit-notes/{credit.id}/refunds"
    today = date.today().isoformat()
    too_much = client.post_form(url, {"amount": "901", "paid_on": today, "mode": "bank_transfer"},
                                token_from="/admin/")  # fmt: skip
    assert too_much.status_code == 422
    assert "This is more than the credit left (€900.00)." in _text(too_much)
    early = client.post_form(url, {"amount": "100", "paid_on": "2026-11-01", "mode": "cash"},
                             token_from="/admin/")  # fmt: skip
    assert early.status_code == 422
    assert "This date is before the credit note's issue date." in _text(early)
    part = client.post_form(url, {"amount": "400", "paid_on": today, "mode": "bank_transfer"},
                            token_from="/admin/")  # fmt: skip
    assert part.status_code == 303
    credit = _fresh(credit.id)
    assert (credit.status, credit.amount_due) == ("open", Decimal("500.00"))
    rest = client.post_form(url, {"amount": "500", "paid_on": today, "mode": "card"},
                            token_from="/admin/")  # fmt: skip
    assert rest.status_code == 303
    credit = _fresh(credit.id)
    assert credit.status == "closed" and len(credit.payments) == 2
    page = _text(client.get(f"/admin/credit-notes/{credit.id}"))
    assert "Refunds" in page and "Record refund" not in page


def test_cancelling_an_issued_invoice_issues_its_credit_note(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(status="unpaid")
    response = client.post_form(f"/admin/invoices/{invoice.id}/cancel", token_from="/admin/")
    page = _text(client.get(response.headers["Location"]))
    assert "Invoice cancelled: credit note CN-000001 was issued and applied to it." in page
    invoice = _fresh(invoice.id)
    credit = db.session.scalar(select(Document).where(Document.kind == "credit"))
    assert invoice.status == "cancelled" and invoice.amount_paid == invoice.total
    assert credit.number == "CN-000001" and credit.status == "closed"
    assert credit.credited_invoice_id == invoice.id and credit.total == invoice.total
    application = db.session.scalar(select(CreditApplication))
    assert (application.invoice_id, application.amount) == (invoice.id, invoice.total)
    assert "Remove" not in _text(client.get(f"/admin/invoices/{invoice.id}"))


def test_a_draft_is_cancelled_without_a_credit_note_and_a_paid_one_not_at_all(
    client, ctx, login_as
):
    login_as(make_admin())
    draft = make_document(status="draft")
    client.post_form(f"/admin/invoices/{draft.id}/cancel", token_from="/admin/")
    assert _fresh(draft.id).status == "cancelled"
    assert db.session.scalar(select(Document).where(Document.kind == "credit")) is None
    paid = make_document(status="unpaid")
    db.session.add(Payment(document=paid, amount=Decimal(100), paid_on=date.today(), mode="cash"))
    db.session.commit()
    response = client.post_form(f"/admin/invoices/{paid.id}/cancel", token_from="/admin/")
    page = _text(client.get(response.headers["Location"]))
    assert "create a credit note for what is left instead" in page
    assert _fresh(paid.id).status == "unpaid"


def test_credit_notes_are_listed_filtered_and_on_the_customers_tab(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer(company="Boulangerie Martin")
    open_one = make_document(customer, kind="credit", status="open")
    make_document(make_customer(company="Other"), kind="credit", status="closed")
    listing = _text(client.get("/admin/credit-notes?status=open"))
    assert open_one.number in listing and "Boulangerie Martin" in listing
    assert "Other" not in listing
    tab = _text(client.get(f"/admin/customers/{customer.id}/credit-notes"))
    assert open_one.number in tab


def test_a_credit_note_made_from_scratch_has_no_due_date_and_is_numbered_when_issued(
    client, ctx, login_as
):
    from tests.factories import document_form

    login_as(make_admin())
    customer = make_customer()
    form = document_form(customer, _currency("EUR", 2), **{"items-0-rate": "120"})
    del form["due_date"]
    page = _text(client.get(f"/admin/credit-notes/new?customer={customer.id}"))
    assert 'id="due_date"' not in page
    saved = client.post_form("/admin/credit-notes/new", form, token_from="/admin/")
    assert saved.status_code == 303
    assert "Draft credit note saved" in _text(client.get(saved.headers["Location"]))
    credit = db.session.scalar(select(Document).where(Document.kind == "credit"))
    assert credit.number is None and credit.due_date is None and credit.credited_invoice_id is None
    client.post_form(f"/admin/credit-notes/{credit.id}/issue", token_from="/admin/")
    credit = _fresh(credit.id)
    assert (credit.number, credit.status, credit.amount_due) == (
        "CN-000001", "open", Decimal("240.00")
    )  # fmt: skip
