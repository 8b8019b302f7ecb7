"""Staff type amounts, quantities, rates and percentages as their language writes them, and the
saved value is what they meant: invoice lines, discounts, contract values, payments, tax rates.
Ambiguous or non-numbers are refused beside the field, nothing saved; saved values come back
formatted the same way."""

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Contract, Document, Payment, TaxRate
from tests.factories import document_form, make_currency, make_customer, make_document, make_user

NNBSP = "\u202f"
# 1800.50 as each shipped language writes it (and the usual variants)
TYPED = [
    ("en", "1,800.50"),
    ("en", "1800.50"),
    ("fr", "1 800,50"),
    ("fr", f"1{NNBSP}800,50"),
    ("fr", "1800,50"),
    ("de", "1.800,50"),
    ("de", "1800,50"),
    ("es", "1 800,50"),
    ("es", "1.800,50"),
]
SHOWN = {"en": "1,800.50", "fr": f"1{NNBSP}800,50", "de": "1.800,50", "es": "1.800,50"}
REFUSED = {
    "en": "Enter a number, such as 1,800.50.",
    "fr": f"Saisissez un nombre, par exemple 1{NNBSP}800,50.",
    "de": "Geben Sie eine Zahl ein, zum Beispiel 1.800,50.",
    "es": "Introduzca un número, por ejemplo 1.800,50.",
}


@pytest.fixture
def staff_in(client, ctx, login_as):
    """Sign in a staff member whose screen is in `language`; EUR is the default currency."""
    make_currency("EUR", is_default=True)

    def sign_in(language):
        user = make_user(language=language)
        login_as(user)
        return user

    return sign_in


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def error_beside(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="error" id="{field_id}-error">([^<]*)</p>', page)
    assert match, f"no error beside {field_id}"
    return match.group(1)


@pytest.mark.parametrize(("language", "typed"), TYPED)
def test_an_invoice_line_rate_is_read_in_the_staff_language(client, staff_in, language, typed):
    staff_in(language)
    customer = make_customer()
    url = "/admin/invoices/new"
    data = document_form(customer, _eur(), **{"items-0-rate": typed, "items-0-quantity": "1"})
    response = client.post_form(url, data, token_from=url)
    assert response.status_code == 303
    invoice = db.session.scalars(select(Document)).one()
    assert invoice.items[0].rate == Decimal("1800.50") and invoice.total == Decimal("1800.50")


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [("en", "12.5", "12.5"), ("fr", "12,5", "12.5"), ("de", "12,5", "12.5"), ("es", "12,5", "12.5"),
     ("fr", "2,5", "2.5"), ("de", "1.000", None)],
)  # fmt: skip
def test_a_quantity_and_a_percent_discount_are_read_the_local_way(
    client, staff_in, language, typed, expected
):
    staff_in(language)
    url = "/admin/invoices/new"
    data = document_form(make_customer(), _eur(), **{"items-0-quantity": typed,
                         "items-0-rate": "100", "discount_type": "percent",
                         "discount_value": typed})  # fmt: skip
    response = client.post_form(url, data, token_from=url)
    if expected is None:  # de "1.000": 1 or 1000?
        assert response.status_code == 422 and count(Document) == 0
        page = response.get_data(as_text=True)
        assert "„1.000“ kann 1000 oder 1,000 bedeuten" in error_beside(page, "items-0-quantity")
        assert "„1.000“ kann 1000 oder 1,000 bedeuten" in error_beside(page, "discount_value")
        return
    assert response.status_code == 303
    invoice = db.session.scalars(select(Document)).one()
    assert invoice.items[0].quantity == Decimal(expected)
    assert invoice.discount_value == Decimal(expected)


def _eur():
    from app.models import Currency

    return db.session.scalars(select(Currency).where(Currency.code == "EUR")).one()


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_one_dot_and_three_digits_is_refused_beside_the_field(client, staff_in, language):
    staff_in(language)
    url = "/admin/invoices/new"
    data = document_form(make_customer(), _eur(), **{"items-0-rate": "1.800"})
    response = client.post_form(url, data, token_from=url)
    assert response.status_code == 422 and count(Document) == 0
    page = response.get_data(as_text=True)
    assert "1800" in error_beside(page, "items-0-rate")
    assert 'value="1.800"' in page  # what was typed is kept, to correct it


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
@pytest.mark.parametrize("odd", ["NaN", "sNaN", "Infinity", "-Infinity", "1e5", "12abc"])
def test_not_a_number_is_refused_beside_the_field(client, staff_in, language, odd):
    staff_in(language)
    url = "/admin/invoices/new"
    data = document_form(make_customer(), _eur(), **{"items-0-rate": odd})
    response = client.post_form(url, data, token_from=url)
    assert response.status_code == 422 and count(Document) == 0
    assert error_beside(response.get_data(as_text=True), "items-0-rate") == REFUSED[language]


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_the_form_shows_saved_numbers_the_local_way(client, staff_in, language):
    from app.services.sales.service import ItemInput

    staff_in(language)
    invoice = make_document(lines=[ItemInput("Design", Decimal("1.5"), Decimal("1800.50"))],
                            discount_type="fixed", discount_value=Decimal("1800"))  # fmt: skip
    page = client.get(f"/admin/invoices/{invoice.id}/edit").get_data(as_text=True)
    decimal = "." if language == "en" else ","
    assert re.search(rf'<input[^>]*id="items-0-rate"[^>]*value="{SHOWN[language]}"', page)
    assert re.search(rf'<input[^>]*id="items-0-quantity"[^>]*value="1{decimal}50"', page)
    discount = {"en": "1,800", "fr": f"1{NNBSP}800", "de": "1800", "es": "1800"}[language]
    assert re.search(rf'<input[^>]*id="discount_value"[^>]*value="{discount}"', page)
    assert 'type="number"' not in page  # a browser would reinterpret what is typed
    rate = re.search(r'<input[^>]*id="items-0-rate"[^>]*>', page).group(0)
    assert 'inputmode="decimal"' in rate and 'type="text"' in rate
    # Saved again as shown, nothing changes
    data = document_form(invoice.customer, _eur(), **{"items-0-rate": SHOWN[language],
                         "items-0-quantity": f"1{decimal}50", "discount_type": "fixed",
                         "discount_value": discount})  # fmt: skip
    url = f"/admin/invoices/{invoice.id}/edit"
    assert client.post_form(url, data, token_from=url).status_code == 303
    db.session.expire_all()
    saved = db.session.get(Document, invoice.id)
    assert saved.items[0].rate == Decimal("1800.50") and saved.items[0].quantity == Decimal("1.5")
    assert saved.discount_value == Decimal("1800")


@pytest.mark.parametrize(("language", "typed"), TYPED)
def test_a_contract_value_is_read_in_the_staff_language(client, staff_in, language, typed):
    staff_in(language)
    customer = make_customer()
    url = "/admin/contracts/new"
    data = {"customer_id": str(customer.id), "subject": "Maintenance", "type_id": "",
            "value": typed, "currency_code": "EUR", "start_date": "2027-01-01",
            "end_date": "2027-12-31", "content": "<p>Terms</p>"}  # fmt: skip
    assert client.post_form(url, data, token_from=url).status_code == 303
    contract = db.session.scalars(select(Contract)).one()
    assert contract.value == Decimal("1800.50")
    page = client.get(f"/admin/contracts/{contract.id}/edit").get_data(as_text=True)
    assert re.search(rf'<input[^>]*id="value"[^>]*value="{SHOWN[language]}"', page)


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_an_ambiguous_contract_value_saves_nothing(client, staff_in, language):
    staff_in(language)
    customer = make_customer()
    url = "/admin/contracts/new"
    data = {"customer_id": str(customer.id), "subject": "Maintenance", "type_id": "",
            "value": "1.800", "currency_code": "EUR", "start_date": "2027-01-01",
            "end_date": "", "content": ""}  # fmt: skip
    response = client.post_form(url, data, token_from=url)
    assert response.status_code == 422 and count(Contract) == 0
    assert "1800" in error_beside(response.get_data(as_text=True), "value")


@pytest.mark.parametrize(("language", "typed"), TYPED)
def test_a_payment_is_read_in_the_staff_language(client, staff_in, language, typed):
    from app.services.sales.service import ItemInput

    staff_in(language)
    invoice = make_document(status="unpaid",
                            lines=[ItemInput("Design", Decimal("1"), Decimal("2000"))])  # fmt: skip
    url = f"/admin/invoices/{invoice.id}/payments"
    data = {"amount": typed, "paid_on": "2026-11-27", "mode": "card"}
    assert client.post_form(url, data, token_from="/admin/").status_code == 303
    assert db.session.scalars(select(Payment)).one().amount == Decimal("1800.50")


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_the_payment_box_offers_the_amount_due_the_local_way(client, staff_in, language):
    from app.services.sales.service import ItemInput

    staff_in(language)
    line = ItemInput("Design", Decimal(1), Decimal("1800.50"))
    invoice = make_document(status="unpaid", lines=[line])
    page = client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True)
    assert re.search(rf'<input[^>]*id="amount"[^>]*value="{SHOWN[language]}"', page)


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("fr", "1.800", "« 1.800 » peut signifier 1800 ou 1,800"),
        ("en", "NaN", REFUSED["en"]),
        ("de", "Infinity", REFUSED["de"]),
        ("es", "1e5", REFUSED["es"]),
    ],
)
def test_a_payment_that_does_not_read_is_refused(client, staff_in, language, typed, message):
    staff_in(language)
    invoice = make_document(status="unpaid")
    url = f"/admin/invoices/{invoice.id}/payments"
    data = {"amount": typed, "paid_on": "2026-11-27", "mode": "card"}
    response = client.post_form(url, data, token_from="/admin/")
    assert response.status_code == 422 and count(Payment) == 0
    assert message in error_beside(response.get_data(as_text=True), "amount")


@pytest.mark.parametrize(
    ("language", "due"),
    [("en", "€900.00"), ("fr", "900,00\u00a0€"), ("de", "900,00\u00a0€"), ("es", "900,00\u00a0€")],
)
def test_an_overpayment_message_shows_the_amount_due_as_money(client, staff_in, language, due):
    staff_in(language)
    invoice = make_document(status="unpaid")  # 2 × 450
    url = f"/admin/invoices/{invoice.id}/payments"
    data = {"amount": "1040", "paid_on": "2026-11-27", "mode": "card"}
    response = client.post_form(url, data, token_from="/admin/")
    assert response.status_code == 422
    message = error_beside(response.get_data(as_text=True), "amount")
    assert f"({due})" in message and "900.0000" not in message


@pytest.mark.parametrize(
    ("language", "typed"), [("en", "5.5"), ("fr", "5,5"), ("de", "5,5"), ("es", "5,5")]
)
def test_a_tax_rate_is_read_in_the_staff_language(client, ctx, login_as, language, typed):
    login_as(make_user(is_admin=True, language=language))
    url = "/admin/settings/taxes"
    response = client.post_form(url, {"name": "TVA réduite", "percent": typed}, token_from=url)
    assert response.status_code == 303
    assert db.session.scalars(select(TaxRate)).one().percent == Decimal("5.5")


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_an_ambiguous_tax_rate_saves_nothing(client, ctx, login_as, language):
    login_as(make_user(is_admin=True, language=language))
    url = "/admin/settings/taxes"
    response = client.post_form(url, {"name": "VAT", "percent": "2.100"}, token_from=url)
    assert response.status_code == 422 and count(TaxRate) == 0
    assert "2100" in error_beside(response.get_data(as_text=True), "percent")
