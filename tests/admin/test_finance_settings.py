"""Settings → Finance: prefixes ({YYYY} restarts each year), next numbers that only go up,
default due days, registration numbers on PDFs, default notes and terms per kind and language."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Document
from app.services.sales.actions import issue
from app.services.settings import get_settings
from tests.factories import (
    document_form,
    make_admin,
    make_currency,
    make_customer,
    make_document,
)
from tests.sales.test_pdf import pdf_text

URL = "/admin/settings/finance"
LOWER = {
    "en": "The next number can only be raised: it is 8 now.",
    "fr": "Le prochain numéro ne peut qu'augmenter\u00a0: il est de 8 actuellement.",
    "de": "Die nächste Nummer kann nur erhöht werden: Sie ist derzeit 8.",
    "es": "El próximo número solo puede aumentar: ahora es 8.",
}


@pytest.fixture
def admin(client, ctx, login_as):
    user = make_admin()
    login_as(user)
    return user


def finance_form(**overrides) -> dict:
    """The Finance page as a browser posts it, with the values it showed (nothing changed)."""
    data = {
        "invoice_prefix": "INV-",
        "invoice_next": "1",
        "estimate_prefix": "EST-",
        "estimate_next": "1",
        "proposal_prefix": "PRO-",
        "proposal_next": "1",
        "credit_prefix": "CN-",
        "credit_next": "1",
        "invoice_due_days": "30",
        "estimate_valid_days": "30",
        "company_registration": "",
    }
    data.update(overrides)
    return data


def post(client, data):
    return client.post_form(URL, data, token_from=URL)


def test_the_settings_index_links_to_finance(client, admin):
    page = client.get("/admin/settings/").get_data(as_text=True)
    assert f'href="{URL}"' in page
    assert client.get(URL).status_code == 200


def test_a_yearly_prefix_numbers_fa_2026_0001_and_restarts_next_year(client, admin):
    assert post(client, finance_form(invoice_prefix="FA-{YYYY}-")).status_code == 303
    first, second, next_year = make_document(), make_document(), make_document()
    issue(first, today=date(2026, 12, 30))
    issue(second, today=date(2026, 12, 31))
    issue(next_year, today=date(2027, 1, 2))
    db.session.commit()
    assert (first.number, second.number) == ("FA-2026-0001", "FA-2026-0002")
    assert next_year.number == "FA-2027-0001" and next_year.issue_date == date(2027, 1, 2)


def test_estimate_prefix_and_next_number_are_used(client, admin):
    response = post(client, finance_form(estimate_prefix="DEV-", estimate_next="42"))
    assert response.status_code == 303
    assert make_document(kind="estimate").number == "DEV-000042"
    page = client.get(URL).get_data(as_text=True)
    assert 'name="estimate_next"' in page and 'value="43"' in page


@pytest.mark.parametrize("language", LOWER)
def test_a_lower_next_number_is_refused_beside_the_field(client, admin, language):
    admin.language = language
    db.session.commit()
    assert post(client, finance_form(invoice_next="8")).status_code == 303
    response = post(client, finance_form(invoice_next="3", invoice_prefix="FA-"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert LOWER[language].replace("'", "&#39;") in page
    assert get_settings().invoice_prefix == "INV-"  # nothing half-written
    assert make_document(status="unpaid").number == "INV-000008"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("invoice_prefix", "FA-{YY}-"),
        ("invoice_prefix", "FA-{YYYY}{YYYY}"),
        ("invoice_prefix", "FA-\x1b"),
        ("invoice_prefix", "X" * 21),
        ("invoice_next", "0"),
        ("invoice_next", "abc"),
        ("invoice_due_days", "-1"),
        ("estimate_valid_days", "400"),
        ("company_registration", "x" * 501),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(client, admin, field, value):
    response = post(client, finance_form(**{"invoice_prefix": "FA-", field: value}))
    assert response.status_code == 422
    assert 'class="error"' in response.get_data(as_text=True)
    assert get_settings().invoice_prefix == "INV-"


def test_default_due_days_apply_to_a_new_invoice(client, admin):
    post(client, finance_form(invoice_due_days="45", estimate_valid_days="15"))
    customer = make_customer()
    page = client.get(f"/admin/invoices/new?customer={customer.id}").get_data(as_text=True)
    assert (date.today() + timedelta(days=45)).isoformat() in page
    page = client.get(f"/admin/estimates/new?customer={customer.id}").get_data(as_text=True)
    assert (date.today() + timedelta(days=15)).isoformat() in page


def test_registration_numbers_are_printed_on_pdfs(client, admin):
    registration = "SIRET 123 456 789 00012\nRCS Paris B 123 456 789"
    post(client, finance_form(company_registration=registration))
    invoice = make_document(status="unpaid")
    text = pdf_text(client.get(f"/admin/invoices/{invoice.id}/pdf").data)
    assert "SIRET 123 456 789 00012" in text and "RCS Paris B 123 456 789" in text


TERMS = {
    "en": "Payment by transfer. IBAN GB33 BUKB 2020 1555 5555 55",
    "fr": "Pénalités de retard : 3 fois le taux d'intérêt légal. IBAN FR76 3000 6000 0112",
    "de": "Zahlbar innerhalb von 14 Tagen. IBAN DE89 3704 0044 0532 0130 00",
    "es": "Pago por transferencia. IBAN ES91 2100 0418 4502 0005 1332",
}


@pytest.mark.parametrize("language", TERMS)
def test_a_new_document_starts_with_the_texts_of_its_language(client, admin, language):
    make_currency("EUR", is_default=True)
    for code, terms in TERMS.items():
        url = f"{URL}/texts/invoice/{code}"
        response = client.post_form(url, {"notes": f"Merci ({code})", "terms": terms},
                                    token_from=url)  # fmt: skip
        assert response.status_code == 303
    url = f"{URL}/texts/estimate/{language}"
    client.post_form(url, {"notes": "", "terms": "Valid 30 days"}, token_from=url)
    customer = make_customer(language=language)
    page = client.get(f"/admin/invoices/new?customer={customer.id}").get_data(as_text=True)
    assert TERMS[language].replace("'", "&#39;") in page and f"Merci ({language})" in page
    others = [t for code, t in TERMS.items() if code != language]
    assert not any(t.replace("'", "&#39;") in page for t in others)
    page = client.get(f"/admin/estimates/new?customer={customer.id}").get_data(as_text=True)
    assert "Valid 30 days" in page and TERMS[language].replace("'", "&#39;") not in page
    assert client.get(f"{URL}/texts/invoice/xx").status_code == 404
    assert client.get(f"{URL}/texts/contract/{language}").status_code == 404


def test_saved_defaults_are_editable_on_the_document(client, admin):
    eur = make_currency("EUR", is_default=True)
    url = f"{URL}/texts/invoice/en"
    client.post_form(url, {"notes": "", "terms": "Net 30"}, token_from=url)
    customer = make_customer(language="en")
    new = "/admin/invoices/new"
    client.post_form(new, document_form(customer, eur, terms="Net 10"), token_from=new)
    assert db.session.scalars(select(Document.terms)).one() == "Net 10"
