"""The mail server's error on an undelivered email is shown in the language of whoever reads the
outbox (or the customer's page), not the language of the worker that tried to send it."""

import pytest

from app.extensions import db
from app.services.mail.outbox import queue_email
from app.services.settings import save_settings
from tests.conftest import free_port
from tests.factories import make_admin, make_customer, make_outbox_message

UNREACHABLE = {
    "en": "The mail server could not be reached (",
    "fr": "Le serveur de messagerie est injoignable (",
    "de": "Der Mailserver konnte nicht erreicht werden (",
    "es": "No se ha podido conectar con el servidor de correo (",
}


@pytest.mark.parametrize("language", UNREACHABLE)
def test_the_outbox_says_the_error_in_the_readers_language(client, ctx, login_as, language):
    save_settings({"smtp_port": free_port()})  # nobody listens there
    db.session.commit()
    queue_email("bob@example.com", "Hello", "<p>Hi</p>", "Hi", kind="test")
    db.session.commit()  # the worker (inline in tests) tries, fails and records why
    login_as(make_admin(language=language))
    page = client.get("/admin/settings/email/outbox").get_data(as_text=True)
    assert UNREACHABLE[language] in page
    others = [words for code, words in UNREACHABLE.items() if code != language]
    assert not any(words in page for words in others)


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "Le serveur de messagerie a refusé l"),
     ("de", "Der Mailserver hat die Empfängeradresse abgelehnt."),
     ("es", "El servidor de correo ha rechazado la dirección del destinatario.")],
)  # fmt: skip
def test_the_customers_page_says_it_in_the_readers_language_too(
    client, ctx, login_as, language, words
):
    customer = make_customer()
    make_outbox_message(customer, attempts=1, last_error="recipient:{'x@example.com': (550,)}")
    login_as(make_admin(language=language))
    page = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert words in page


def test_an_error_kept_before_codes_is_shown_as_it_was(client, ctx, login_as):
    customer = make_customer()
    make_outbox_message(customer, attempts=2, last_error="Mailbox unavailable: try later")
    login_as(make_admin(language="fr"))
    page = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert "Mailbox unavailable: try later" in page
