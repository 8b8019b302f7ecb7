"""The payment reminders' email templates: listed under Invoices, shipped in every language with
their merge fields, previewed, and an edited or switched-off template is what sending uses."""

from datetime import date

import pytest

from app.extensions import db
from app.services.sales.reminders import send_payment_reminders
from tests.factories import make_admin, make_contact, make_customer, make_document

URL = "/admin/settings/email-templates"
KEYS = ("payment_reminder_before", "payment_reminder_after")


@pytest.fixture
def admin(client, ctx, login_as):
    login_as(make_admin())


def _edit(client, key, language="en", **data):
    url = f"{URL}/{key}/{language}"
    return client.post_form(url, data, token_from=url)


def _late_invoice():
    customer = make_customer()
    make_contact(customer, perm_invoices=True)
    return make_document(customer, status="unpaid", due_date=date(2026, 11, 20))


def test_both_are_listed_under_invoices_in_every_language(client, admin):
    page = client.get(URL).get_data(as_text=True)
    assert "Payment reminder (before the due date)" in page
    assert "Payment reminder (after the due date)" in page
    for key in KEYS:
        for language in ("en", "fr", "de", "es"):
            assert f"{URL}/{key}/{language}" in page


@pytest.mark.parametrize(
    ("language", "word"),
    [("en", "has not been paid"), ("fr", "entièrement réglée"), ("de", "vollständig bezahlt"),
     ("es", "en su totalidad")],
)  # fmt: skip
def test_shipped_text_in_each_language_with_its_merge_fields(client, admin, language, word):
    page = client.get(f"{URL}/payment_reminder_after/{language}").get_data(as_text=True)
    assert word in page
    for field in ("{invoice_amount_due}", "{invoice_days_overdue}", "{invoice_due_date}",
                  "{invoice_url}", "{invoice_number}"):  # fmt: skip
        assert field in page


def test_preview_fills_the_amount_due_and_days_overdue(client, admin):
    url = f"{URL}/payment_reminder_after/en"
    response = client.post_form(
        url,
        {"subject": "Late {invoice_number}", "_preview": "1",
         "body_html": "<p>{invoice_amount_due} after {invoice_days_overdue} days</p>"},
        token_from=url, headers={"HX-Request": "true"},
    )  # fmt: skip
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "734,50 € after 14 days" in body


def test_an_edited_template_is_the_one_sent(client, admin, inbox):
    body = "<p>{invoice_amount_due} for {client_company}</p>"
    subject = "Still waiting: {invoice_number}"
    response = _edit(client, "payment_reminder_after", subject=subject, body_html=body, active="y")
    assert response.status_code == 303
    invoice = _late_invoice()
    assert send_payment_reminders(date(2026, 11, 27)) == 1
    message = inbox.only()
    assert message["Subject"] == f"Still waiting: {invoice.number}"
    assert "€900.00 for " in message.get_body(("plain",)).get_content()


def test_a_template_switched_off_sends_nothing(client, admin, inbox):
    _edit(client, "payment_reminder_after", subject="x", body_html="<p>x</p>", active="")
    _late_invoice()
    assert send_payment_reminders(date(2026, 11, 27)) == 0
    db.session.expire_all()
    assert inbox.messages == []
