"""A customer set to any shipped language gets the portal, its emails and its PDFs in it."""

import pytest
from flask_babel import force_locale, gettext

from app.config import discover_languages
from app.extensions import db
from app.i18n import language_tag
from app.services.mail.render import render_email
from app.services.settings import save_settings
from tests.factories import make_contact, make_customer, make_document
from tests.sales.test_pdf import pdf_text


def _in(language: str, text: str) -> str:
    with force_locale(language):
        return gettext(text)


@pytest.mark.parametrize("language", discover_languages())
def test_portal_email_and_pdf_speak_the_customers_language(client, ctx, login_as, language):
    save_settings({"pdf_in_client_language": True})
    customer = make_customer(company="Atelier Lumière", language=language)
    contact = make_contact(customer)
    invoice = make_document(customer, status="unpaid", language=language)
    db.session.commit()
    words = {text: _in(language, text) for text in ("Invoices", "Invoice", "Amount due")}
    if language != "en":
        assert words["Invoices"] != "Invoices", "the catalogue translates the portal"

    login_as(contact)
    page = client.get("/clients/invoices").get_data(as_text=True)
    assert f'<html lang="{language_tag(language)}"' in page
    assert words["Invoices"] in page

    pdf = client.get(f"/clients/invoices/{invoice.id}/pdf")
    assert pdf.status_code == 200
    assert words["Invoice"] in pdf_text(pdf.data)

    email = render_email("welcome", language, {"contact_firstname": "Lou"})
    with force_locale(language):
        subject = gettext("Welcome to the client portal of {company_name}")
    assert email.subject.startswith(subject.split("{")[0].strip())
    assert f'lang="{language_tag(language)}"' in email.html
    direction = "rtl" if language == "ar" else "ltr"
    assert f'dir="{direction}"' in email.html and f'dir="{direction}"' in page
