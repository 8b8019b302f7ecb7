"""A payment's date is checked like a document's: between 2000 and 2100, and not before the
invoice's issue date; the message is beside the date, in the staff member's language, and
nothing is recorded."""

import html
from datetime import date

import pytest

from app.extensions import db
from app.models import Document
from tests.factories import make_admin, make_document

BEFORE_ISSUE = {
    "en": "This date is before the invoice's issue date.",
    "fr": "Cette date précède la date d'émission de la facture.",
    "de": "Dieses Datum liegt vor dem Ausstellungsdatum der Rechnung.",
    "es": "Esta fecha es anterior a la fecha de emisión de la factura.",
}
OUT_OF_RANGE = {
    "en": "Enter a date between 2000 and 2100.",
    "fr": "Saisissez une date entre 2000 et 2100.",
    "de": "Geben Sie ein Datum zwischen 2000 und 2100 ein.",
    "es": "Introduzca una fecha entre 2000 y 2100.",
}


def _pay(client, invoice, paid_on: str):
    return client.post_form(f"/admin/invoices/{invoice.id}/payments",
                            {"amount": "100", "paid_on": paid_on, "mode": "card"},
                            token_from="/admin/")  # fmt: skip


def _nothing_paid(invoice) -> bool:
    db.session.expire_all()
    invoice = db.session.get(Document, invoice.id)
    return invoice.amount_paid == 0 and invoice.payments == [] and invoice.status == "unpaid"


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
@pytest.mark.parametrize("paid_on", ["0202-11-27", "1999-12-31", "2101-01-01"])
def test_a_payment_date_outside_2000_to_2100_is_refused(client, ctx, login_as, language, paid_on):
    login_as(make_admin(language=language))
    invoice = make_document(status="unpaid")
    refused = _pay(client, invoice, paid_on)
    assert refused.status_code == 422
    assert OUT_OF_RANGE[language] in html.unescape(refused.get_data(as_text=True))
    assert _nothing_paid(invoice)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_a_payment_before_the_issue_date_is_refused(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    invoice = make_document(status="unpaid")  # issued on 2 Nov 2026
    assert invoice.issue_date == date(2026, 11, 2)
    refused = _pay(client, invoice, "2026-11-01")
    assert refused.status_code == 422
    assert BEFORE_ISSUE[language] in html.unescape(refused.get_data(as_text=True))
    assert _nothing_paid(invoice)


@pytest.mark.parametrize("paid_on", ["2026-11-02", "2027-01-15"])
def test_a_payment_on_or_after_the_issue_date_is_recorded(client, ctx, login_as, paid_on):
    login_as(make_admin())
    invoice = make_document(status="unpaid")
    assert _pay(client, invoice, paid_on).status_code == 303
    db.session.expire_all()
    assert db.session.get(Document, invoice.id).payments[0].paid_on == date.fromisoformat(paid_on)
