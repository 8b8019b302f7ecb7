"""A new document's notes and terms are its language's defaults (Settings → Finance): choosing
another language swaps the untouched ones for that language's, never text someone typed."""

import html
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Document
from app.services.sales.finance import save_document_texts
from tests.factories import document_form, make_admin, make_currency, make_customer

TEXTS = {
    "en": ("Thank you for your business.", "Payment within 30 days."),
    "fr": ("Merci de votre confiance.", "Paiement à 30 jours."),
    "de": ("Vielen Dank für Ihren Auftrag.", "Zahlbar innerhalb von 30 Tagen."),
    "es": ("Gracias por su confianza.", "Pago a 30 días."),
}
PLURAL = {"invoice": "invoices", "estimate": "estimates", "proposal": "proposals"}


@pytest.fixture
def setup(client, ctx, login_as):
    login_as(make_admin())
    for kind in PLURAL:
        for language, (notes, terms) in TEXTS.items():
            save_document_texts(kind, language, notes, terms)
    db.session.commit()
    return make_customer(language="en"), make_currency("EUR", is_default=True)


def textareas(page: str) -> dict:
    found = re.findall(r'<textarea[^>]* name="(notes|terms)"[^>]*>\n?(.*?)</textarea>', page, re.S)
    return {name: html.unescape(value).strip() for name, value in found}


def change_language(client, kind, customer, currency, language, **typed):
    token = client.csrf_token(f"/admin/{PLURAL[kind]}/new?customer={customer.id}")
    notes, terms = TEXTS["en"]
    data = document_form(customer, currency, language=language, texts_language="en",
                         notes=typed.get("notes", notes), terms=typed.get("terms", terms),
                         csrf_token=token, _texts="1")  # fmt: skip
    headers = {"HX-Request": "true"}
    return client.post(f"/admin/{PLURAL[kind]}/new", data=data, headers=headers)


@pytest.mark.parametrize("kind", PLURAL)
@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_untouched_texts_follow_the_language(client, setup, kind, language):
    customer, currency = setup
    page = client.get(f"/admin/{PLURAL[kind]}/new?customer={customer.id}").get_data(as_text=True)
    assert textareas(page) == dict(zip(("notes", "terms"), TEXTS["en"], strict=True))
    assert 'hx-trigger="change from:#language"' in page
    answer = change_language(client, kind, customer, currency, language)
    assert answer.status_code == 200
    assert textareas(answer.get_data(as_text=True)) == dict(
        zip(("notes", "terms"), TEXTS[language], strict=True)
    )


def test_typed_notes_stay_and_untouched_terms_follow(client, setup):
    customer, currency = setup
    answer = change_language(client, "invoice", customer, currency, "fr", notes="Livré lundi.")
    assert textareas(answer.get_data(as_text=True)) == {
        "notes": "Livré lundi.",
        "terms": TEXTS["fr"][1],
    }


def test_saving_without_javascript_swaps_untouched_texts_too(client, setup):
    customer, currency = setup
    notes, terms = TEXTS["en"]
    data = document_form(customer, currency, language="de", texts_language="en",
                         notes=notes + "\r\n", terms="Nur gegen Vorkasse.")  # fmt: skip
    assert client.post_form("/admin/invoices/new", data, token_from="/admin/").status_code == 303
    invoice = db.session.scalars(select(Document)).one()
    assert (invoice.notes, invoice.terms) == (TEXTS["de"][0], "Nur gegen Vorkasse.")
