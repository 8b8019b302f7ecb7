"""While lines are typed, the server re-renders the form's totals block from what is typed (the
form's own URL, `_totals`): the total is seen, in the staff's language, before saving; a number
that does not read is said there; nothing is saved."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Document, TaxRate
from tests.factories import document_form, make_currency, make_customer, make_document, make_user

HTMX = {"HX-Request": "true"}
NBSP = "\u00a0"


@pytest.fixture
def setup(client, ctx, login_as):
    """EUR, a 20 % tax; `sign_in(language)` signs a staff member in."""
    eur = make_currency("EUR", is_default=True)
    tax = TaxRate(name="TVA", percent=Decimal("20"))
    db.session.add(tax)
    db.session.commit()

    def sign_in(language):
        login_as(make_user(language=language))
        return eur, tax

    return sign_in


def typed(eur, tax, customer, rate, quantity="2", **more) -> dict:
    line = {"items-0-rate": rate, "items-0-quantity": quantity, "items-0-taxes": str(tax.id)}
    return document_form(customer, eur, _totals="1", **line, **more)


@pytest.mark.parametrize(
    ("language", "rate", "quantity", "subtotal", "tax_line", "total"),
    [
        ("en", "150.50", "2", "€301.00", "TVA (20 %)", "€361.20"),
        ("fr", "150,50", "2", f"301,00{NBSP}€", "TVA (20 %)", f"361,20{NBSP}€"),
        ("de", "1.800,50", "1,5", f"2.700,75{NBSP}€", "TVA (20 %)", f"3.240,90{NBSP}€"),
        ("es", "150,50", "2", f"301,00{NBSP}€", "TVA (20 %)", f"361,20{NBSP}€"),
    ],
)
def test_the_totals_follow_the_typed_lines(
    client, setup, language, rate, quantity, subtotal, tax_line, total
):
    eur, tax = setup(language)
    url = "/admin/invoices/new"
    response = client.post_form(url, typed(eur, tax, make_customer(), rate, quantity),
                                token_from=url, headers=HTMX)  # fmt: skip
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert fragment.lstrip().startswith('<table class="totals">')  # the block, not the page
    assert subtotal in fragment and tax_line in fragment and total in fragment
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0


def test_a_discount_and_a_second_line_count(client, setup):
    eur, tax = setup("fr")
    url = "/admin/invoices/new"
    data = typed(eur, tax, make_customer(), "150,50", **{
        "items-1-description": "Déplacement", "items-1-quantity": "1", "items-1-rate": "49,50",
        "discount_type": "percent", "discount_value": "10"})  # fmt: skip
    fragment = client.post_form(url, data, token_from=url, headers=HTMX).get_data(as_text=True)
    # (301,00 + 49,50) = 350,50; −10 % = 35,05; tax on 315,45 (line 1 only: 270,90 × 20 %)
    assert f"350,50{NBSP}€" in fragment and f"−35,05{NBSP}€" in fragment
    assert f"54,18{NBSP}€" in fragment and f"369,63{NBSP}€" in fragment


@pytest.mark.parametrize(
    ("language", "rate", "message"),
    [
        ("fr", "1.800", "Ligne 1, Prix unitaire\u00a0: « 1.800 » peut signifier 1800 ou 1,800"),
        ("de", "1.800", "Zeile 1, Einzelpreis: „1.800“ kann 1800 oder 1,800 bedeuten"),
        ("es", "abc", "Línea 1, Precio unitario: Introduzca un número, por ejemplo 1.800,50."),
        ("en", "NaN", "Line 1, Rate: Enter a number, such as 1,800.50."),
    ],
)
def test_a_line_that_does_not_read_is_said_in_the_totals(client, setup, language, rate, message):
    eur, tax = setup(language)
    url = "/admin/invoices/new"
    response = client.post_form(url, typed(eur, tax, make_customer(), rate), token_from=url,
                                headers=HTMX)  # fmt: skip
    fragment = response.get_data(as_text=True)
    assert message in fragment.replace("&#34;", '"')
    assert 'class="totals"' not in fragment  # no total that would look right


def test_a_rate_not_typed_yet_counts_as_nothing(client, setup):
    eur, tax = setup("fr")
    url = "/admin/estimates/new"
    data = typed(eur, tax, make_customer(), "")
    fragment = client.post_form(url, data, token_from=url, headers=HTMX).get_data(as_text=True)
    assert f"0,00{NBSP}€" in fragment and "Prix unitaire" not in fragment


def test_the_form_shows_the_totals_and_asks_for_them_again_as_lines_change(client, setup):
    from app.services.sales.service import ItemInput

    setup("fr")
    invoice = make_document(lines=[ItemInput("Design", Decimal("2"), Decimal("150.50"))])
    page = client.get(f"/admin/invoices/{invoice.id}/edit").get_data(as_text=True)
    start = page.index('<div id="document-totals"')
    block = page[start : page.index("</div>", page.index("</table>", start))]
    assert f"301,00{NBSP}€" in block
    assert f'hx-post="/admin/invoices/{invoice.id}/edit"' in block
    assert "from:.item-lines" in block and "_totals" in block


def test_the_totals_of_a_saved_document_keep_its_tax_rate(client, setup):
    from app.services.sales.service import ItemInput

    eur, tax = setup("en")
    invoice = make_document(lines=[ItemInput("Design", Decimal("1"), Decimal("100"),
                                             tax_ids=[tax.id])])  # fmt: skip
    tax.percent = Decimal("10")  # changed later: the document keeps 20 %
    db.session.commit()
    url = f"/admin/invoices/{invoice.id}/edit"
    data = typed(eur, tax, invoice.customer, "100", quantity="1")
    fragment = client.post_form(url, data, token_from=url, headers=HTMX).get_data(as_text=True)
    assert "€120.00" in fragment
