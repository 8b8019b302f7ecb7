"""Settings → Taxes: a tax can be renamed, not only deleted; its percent changes only while no
document carries it, and documents keep the name and percent they were saved with."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import DocumentItemTax, TaxRate
from app.services.sales.service import ItemInput
from tests.factories import make_admin, make_customer, make_document

REFUSED = {
    "en": "Documents use this tax: its percent cannot change.",
    "fr": "Des documents utilisent cette taxe\u00a0: son taux ne peut plus changer.",
    "de": "Dokumente verwenden diese Steuer: Ihr Satz kann sich nicht mehr ändern.",
    "es": "Hay documentos que usan este impuesto: su porcentaje ya no puede cambiar.",
}
RENAME = {"en": "Rename", "fr": "Renommer", "de": "Umbenennen", "es": "Renombrar"}


def tax(name="VAT", percent=20) -> TaxRate:
    rate = TaxRate(name=name, percent=Decimal(percent))
    db.session.add(rate)
    db.session.commit()
    return rate


def post(client, rate, **fields):
    url = f"/admin/settings/taxes/{rate.id}"
    return client.post_form(url, fields, token_from=url)


def test_an_unused_tax_takes_a_new_name_and_percent(client, ctx, login_as):
    login_as(make_admin())
    rate = tax()
    assert post(client, rate, name="TVA", percent="5.5").status_code == 303
    db.session.refresh(rate)
    assert (rate.name, rate.percent) == ("TVA", Decimal("5.5"))


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_a_used_tax_is_renamed_and_documents_keep_what_they_were_saved_with(
    client, ctx, login_as, language
):
    login_as(make_admin(language=language))
    rate = tax()
    line = ItemInput("Design", Decimal(1), Decimal(100), tax_ids=[rate.id])
    invoice = make_document(make_customer(), status="unpaid", lines=[line])
    listing = client.get("/admin/settings/taxes").get_data(as_text=True)
    assert f'href="/admin/settings/taxes/{rate.id}">{RENAME[language]}</a>' in listing
    page = client.get(f"/admin/settings/taxes/{rate.id}").get_data(as_text=True)
    assert "readonly" in page  # the percent is shown, not editable
    refused = post(client, rate, name="TVA", percent="19")
    assert refused.status_code == 422
    assert REFUSED[language] in refused.get_data(as_text=True).replace("&#39;", "'")
    db.session.refresh(rate)
    assert (rate.name, rate.percent) == ("VAT", Decimal(20))  # nothing half-written
    assert post(client, rate, name="TVA", percent="20").status_code == 303
    db.session.refresh(rate)
    assert rate.name == "TVA"
    kept = db.session.scalars(select(DocumentItemTax)).one()
    assert (kept.name, kept.percent) == ("VAT", Decimal(20))  # the invoice as it was issued
    assert "VAT" in client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True)


def test_renaming_to_another_taxs_name_is_refused(client, ctx, login_as):
    login_as(make_admin())
    tax("VAT")
    reduced = tax("Reduced", 5)
    response = post(client, reduced, name="vat", percent="5")
    assert response.status_code == 422
    assert "A tax with this name already exists." in response.get_data(as_text=True)
