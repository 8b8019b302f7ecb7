"""The portal speaks the customer's language; visitors choose theirs on the sign-in page."""

import pytest

from tests.factories import make_contact, make_customer

WORDS = {
    "fr": ["Tableau de bord", "Factures", "Devis", "Profil", "Se déconnecter"],
    "de": ["Dashboard", "Rechnungen", "Angebote", "Profil", "Abmelden"],
    "es": ["Panel", "Facturas", "Presupuestos", "Perfil", "Cerrar sesión"],
    "en": ["Dashboard", "Invoices", "Estimates", "Profile", "Sign out"],
}


@pytest.mark.parametrize("language", WORDS)
def test_portal_in_the_customers_language(client, ctx, login_as, language):
    login_as(make_contact(make_customer(language=language)))
    page = client.get("/clients/").get_data(as_text=True)
    assert f'<html lang="{language}" dir="ltr">' in page
    for word in WORDS[language]:
        assert word in page, (language, word)


def test_portal_falls_back_to_the_system_default(client, ctx, login_as):
    login_as(make_contact(make_customer(language=None)))
    page = client.get("/clients/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="en"' in page


def test_dates_follow_the_language(client, ctx, login_as):
    customer = make_customer(language="fr")
    login_as(make_contact(customer))
    page = client.get("/clients/profile").get_data(as_text=True)
    months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    assert any(f"{m} " in page for m in months)


def test_sign_in_page_language_switch(client):
    token = client.csrf_token("/clients/login")
    response = client.post(
        "/language", data={"csrf_token": token, "language": "es", "next": "/clients/login"}
    )
    assert response.headers["Location"] == "/clients/login"
    page = client.get("/clients/login").get_data(as_text=True)
    assert '<html lang="es"' in page and "Iniciar sesión" in page


@pytest.mark.parametrize(
    "language,words",
    [
        ("fr", ["Ouvrir un ticket", "Vous n'avez pas encore de ticket de support."]),
        ("de", ["Ticket eröffnen", "Sie haben noch keine Support-Tickets."]),
        ("es", ["Abrir un ticket", "Todavía no tiene tickets de soporte."]),
    ],
)
def test_support_pages_in_the_customers_language(client, ctx, login_as, language, words):
    login_as(make_contact(make_customer(language=language)))
    page = client.get("/clients/tickets").get_data(as_text=True)
    for word in words:
        assert word in page, (language, word)
