"""*Send with the PDF* queues the email (the outbox delivers it within seconds): the message says
it will be emailed in a moment, in the reader's language, never that it was sent."""

import pytest

from tests.factories import make_admin, make_contact, make_customer, make_document

SAYS = {
    "en": "INV-000001 will be emailed with its PDF in a moment.",
    "fr": "L'e-mail de INV-000001, avec son PDF, partira dans un instant.",
    "de": "INV-000001 wird gleich mit dem PDF per E-Mail gesendet.",
    "es": "INV-000001 se enviará por correo con su PDF en un momento.",
}


@pytest.mark.parametrize("language", SAYS)
def test_send_with_the_pdf_says_the_email_is_on_its_way(
    client, ctx, login_as, queue, inbox, language
):
    login_as(make_admin(language=language))
    customer = make_customer()
    contact = make_contact(customer)
    invoice = make_document(customer, status="unpaid")
    answer = client.post_form(f"/admin/invoices/{invoice.id}/send",
                              {"contacts": [str(contact.id)]}, token_from="/admin/",
                              follow_redirects=True)  # fmt: skip
    page = answer.get_data(as_text=True).replace("&#39;", "'")
    assert SAYS[language] in page
    assert inbox.messages == []  # only queued: nothing has left yet
    outbox = client.get("/admin/settings/email/outbox?state=queued").get_data(as_text=True)
    assert contact.email in outbox
