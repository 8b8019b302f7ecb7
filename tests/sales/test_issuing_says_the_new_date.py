"""Issuing a backdated draft invoice dates it that day (numbers follow dates): its page says so
beforehand, and the message after issuing names the new dates, written the reader's way."""

from datetime import date, timedelta

import pytest
from babel.dates import format_date

from app.extensions import db
from tests.factories import make_admin, make_contact, make_customer, make_document

ISSUED = {
    "en": "{number} is issued, dated {date}, due {due}.",
    "fr": "Émission de {number} effectuée\u00a0: facture datée du {date}, échéance le {due}.",
    "de": "{number} ist ausgestellt: datiert auf den {date}, fällig am {due}.",
    "es": "{number} emitida: con fecha del {date} y vencimiento el {due}.",
}
BEFORE = {
    "en": "When issued, this invoice takes its number and is dated that day",
    "fr": "À son émission, cette facture prend son numéro et la date du jour",
    "de": "Bei der Ausstellung erhält diese Rechnung ihre Nummer und das Datum dieses Tages",
    "es": "Al emitirse, esta factura recibe su número y la fecha de ese día",
}


@pytest.mark.parametrize("language", ISSUED)
def test_issuing_a_backdated_draft_names_its_new_dates(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    draft = make_document(due_date=date(2026, 12, 2))  # dated 2 Nov 2026: a 30-day term
    page = client.get(f"/admin/invoices/{draft.id}").get_data(as_text=True)
    assert BEFORE[language] in page
    url = f"/admin/invoices/{draft.id}/issue"
    answer = client.post_form(url, token_from="/admin/", follow_redirects=True)
    today, due = date.today(), date.today() + timedelta(days=30)
    expected = ISSUED[language].format(
        number="INV-000001",
        date=format_date(today, "medium", locale=language),
        due=format_date(due, "medium", locale=language),
    )
    page = answer.get_data(as_text=True)
    assert expected.replace("'", "&#39;") in page
    assert BEFORE[language] not in page  # issued: nothing left to warn about


def test_issuing_a_draft_dated_today_says_only_that(client, ctx, login_as):
    login_as(make_admin())
    draft = make_document()
    draft.issue_date = date.today()
    db.session.commit()
    answer = client.post_form(f"/admin/invoices/{draft.id}/issue", token_from="/admin/",
                              follow_redirects=True)  # fmt: skip
    assert "INV-000001 is issued." in answer.get_data(as_text=True)


def test_sending_a_backdated_draft_names_its_new_dates(client, ctx, login_as, inbox):
    login_as(make_admin())
    customer = make_customer()
    contact = make_contact(customer)
    draft = make_document(customer, due_date=date(2026, 12, 2))
    answer = client.post_form(f"/admin/invoices/{draft.id}/send",
                              {"contacts": [str(contact.id)]}, token_from="/admin/",
                              follow_redirects=True)  # fmt: skip
    today, due = date.today(), date.today() + timedelta(days=30)
    page = answer.get_data(as_text=True)
    assert "INV-000001 will be emailed with its PDF in a moment." in page
    assert f"dated {format_date(today, 'medium', locale='en')}, due " in page
    assert format_date(due, "medium", locale="en") in page
    assert inbox.only()
