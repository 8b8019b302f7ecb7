"""Quick create points out a customer that looks like an existing one, as the full form does,
and creates it (and sends its welcome email) only once the person saves a second time."""

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Customer
from tests.factories import make_customer, make_user

URL = "/admin/customers/quick"
HX = {"HX-Request": "true"}
WORDS = {
    "en": ("A customer with a similar name exists.", "Open Atelier Lumière SARL", "Create anyway"),
    "fr": (
        "Un client portant un nom similaire existe déjà.",
        "Ouvrir Atelier Lumière SARL",
        "Créer quand même",
    ),
    "de": (
        "Es gibt bereits einen Kunden mit einem ähnlichen Namen.",
        "Atelier Lumière SARL öffnen",
        "Trotzdem anlegen",
    ),
    "es": (
        "Ya existe un cliente con un nombre similar.",
        "Abrir Atelier Lumière SARL",
        "Crear de todos modos",
    ),
}


def _post(client, **fields):
    data = {
        "company": "Atelier Lumiere",
        "contact_first_name": "Léa",
        "contact_last_name": "Roux",
        "contact_email": "lea@autre.example.com",
        "send_welcome": "y",
        **fields,
    }
    return client.post_form(URL, data, token_from=URL, headers=HX)


def _customers() -> int:
    return db.session.scalar(select(func.count()).select_from(Customer))


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_a_look_alike_is_shown_and_needs_a_second_save(client, ctx, login_as, inbox, language):
    login_as(make_user(language=language))
    existing = make_customer(company="Atelier Lumière SARL")
    first = _post(client)
    body = first.get_data(as_text=True)
    assert first.status_code == 422 and body.lstrip().startswith("<dialog")
    warning, link, button = WORDS[language]
    assert warning in body and link in body and button in body
    assert f'href="/admin/customers/{existing.id}"' in body
    assert _customers() == 1 and inbox.messages == []  # nothing created, nobody emailed

    seen = re.search(r'name="seen_duplicates" value="([^"]*)"', body).group(1)
    assert seen == str(existing.id)
    second = _post(client, seen_duplicates=seen)
    assert second.status_code == 204  # created: the dialog closes
    assert _customers() == 2
    assert [m["To"] for m in inbox.messages] == ["lea@autre.example.com"]


def test_another_look_alike_than_the_one_shown_asks_again(client, ctx, login_as):
    login_as(make_user())
    shown = make_customer(company="Atelier Lumière")
    other = make_customer(company="Boulangerie Martin")
    again = _post(client, company="Boulangerie Martin SAS", seen_duplicates=str(shown.id))
    assert again.status_code == 422
    assert f'href="/admin/customers/{other.id}"' in again.get_data(as_text=True)
    assert _customers() == 2


def test_a_new_name_is_created_at_once(client, ctx, login_as):
    login_as(make_user())
    make_customer(company="Atelier Lumière")
    assert _post(client, company="Studio Nord").status_code == 204
    assert _customers() == 2


def test_without_javascript_the_page_asks_too(client, ctx, login_as):
    login_as(make_user())
    make_customer(company="Atelier Lumière")
    data = {"company": "atelier lumiere", "seen_duplicates": "x,,99999999999"}
    refused = client.post_form(URL, data, token_from=URL)
    assert refused.status_code == 422 and 'class="sidebar"' in refused.get_data(as_text=True)
    assert _customers() == 1
