"""The customer's Statement tab: the table, the period picker, the PDF's text."""

from datetime import date

from app.services.settings import save_settings
from tests.factories import make_admin, make_customer
from tests.sales.statement_factories import credit_note, issued, pay
from tests.sales.test_pdf import pdf_text

MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


def _customer(language="fr"):
    customer = make_customer(company="Boulangerie Martin", language=language)
    invoice = issued(customer, 900, date(2026, 2, 10), date(2026, 3, 12))
    pay(invoice, 300, date(2026, 3, 3))
    credit_note(customer, 100, date(2026, 3, 20))
    return customer, invoice


def test_statement_tab_shows_balances(client, ctx, login_as):
    login_as(make_admin())
    customer, invoice = _customer()
    page = client.get(f"/admin/customers/{customer.id}/statement", query_string=MARCH)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    expected_words = [
        "Opening balance",
        "€900.00",
        "Payment",
        "−€300.00",
        "Credit note",
        "−€100.00",
        "Closing balance",
        "€500.00",
        "1–30 days",
        invoice.number,
    ]
    for expected in expected_words:
        assert expected in text, text


def test_a_bad_period_is_refused_beside_the_field(client, ctx, login_as):
    login_as(make_admin())
    customer, _invoice = _customer()
    url = f"/admin/customers/{customer.id}/statement"
    page = client.get(url, query_string={"from": "2026-03-31", "to": "2026-03-01"})
    assert page.status_code == 422
    assert "The end of the period may not come before its start." in page.get_data(as_text=True)
    page = client.get(url, query_string={"from": "1.3.2026", "to": "2026-03-31"})
    assert page.status_code == 422 and 'id="from-error"' in page.get_data(as_text=True)
    page = client.get(url, query_string={"from": "0202-03-01", "to": "2026-03-31"})
    assert page.status_code == 422
    assert "Enter a date between 2000 and 2100." in page.get_data(as_text=True)


def test_statement_pdf_text(client, ctx, login_as):
    login_as(make_admin())
    save_settings({"company_name": "Atelier Comptoir", "pdf_in_client_language": True})
    customer, invoice = _customer()
    response = client.get(f"/admin/customers/{customer.id}/statement/pdf", query_string=MARCH)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    text = pdf_text(response.data, layout=True)
    expected_words = [
        "Atelier Comptoir",
        "Relevé de compte",
        "Boulangerie Martin",
        "Solde d'ouverture",
        "900,00 €",
        "Avoir",
        "500,00 €",
        invoice.number,
    ]
    for expected in expected_words:
        assert expected in text, text


def test_the_period_picker_swaps_only_the_statement(client, ctx, login_as):
    login_as(make_admin())
    customer, _invoice = _customer()
    url = f"/admin/customers/{customer.id}/statement"
    page = client.get(url, query_string=MARCH, headers={"HX-Request": "true"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and text.lstrip().startswith('<section id="statement"')
    assert "Closing balance" in text and "page-tabs" not in text
    refused = client.get(url, query_string={"to": "1999-12-31"}, headers={"HX-Request": "true"})
    assert refused.status_code == 422 and 'id="to-error"' in refused.get_data(as_text=True)


def test_the_ageing_headers_of_the_pdf_wrap_rather_than_overlap(client, ctx, login_as, tmp_path):
    """In French and German the ageing headers are long: each word is read on its own (text
    drawn over the next cell would run into it), and the amounts stay whole."""
    login_as(make_admin())
    save_settings({"pdf_in_client_language": True})
    for language, words in {
        "fr": ["Non", "échu", "Solde", "500,00 €"],
        "de": ["Nicht", "fällig", "Saldo", "500,00 €"],
    }.items():
        customer, _invoice = _customer(language)
        response = client.get(f"/admin/customers/{customer.id}/statement/pdf", query_string=MARCH)
        assert response.status_code == 200
        (tmp_path / f"statement-{language}.pdf").write_bytes(response.data)
        lines = pdf_text(response.data, layout=True).splitlines()
        for word in words:
            assert any(f" {word} " in f" {line} " for line in lines), (word, lines)
