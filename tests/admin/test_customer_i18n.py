"""The customer screens in every shipped language, with the glossary's words."""

import pytest

from tests.factories import make_customer, make_user

GLOSSARY = {
    "en": [
        "New customer",
        "Customer details",
        "Billing & shipping",
        "Advanced options",
        "Permissions",
        "Primary contact",
        "VAT number",
        "Same as customer details",
        "Germany",
    ],
    "fr": [
        "Nouveau client",
        "Informations client",
        "Facturation et livraison",
        "Options avancées",
        "Autorisations",
        "Contact principal",
        "Numéro de TVA",
        "Identique aux informations client",
        "Allemagne",
    ],
    "de": [
        "Neuer Kunde",
        "Kundendaten",
        "Rechnungs- und Lieferadresse",
        "Erweiterte Optionen",
        "Berechtigungen",
        "Hauptkontakt",
        "USt-IdNr.",
        "Wie Kundendaten",
        "Deutschland",
    ],
    "es": [
        "Nuevo cliente",
        "Datos del cliente",
        "Facturación y envío",
        "Opciones avanzadas",
        "Permisos",
        "Contacto principal",
        "NIF-IVA",
        "Igual que los datos del cliente",
        "Alemania",
    ],
}


@pytest.mark.parametrize("language", GLOSSARY)
def test_new_customer_form_speaks_the_staff_members_language(client, ctx, login_as, language):
    login_as(make_user(language=language))
    body = client.get("/admin/customers/new").get_data(as_text=True)
    for word in GLOSSARY[language]:
        assert word in body, (language, word)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_languages_are_named_in_themselves(client, ctx, login_as, language):
    login_as(make_user(language=language))
    body = client.get("/admin/customers/new").get_data(as_text=True)
    for code, name in [("fr", "Français"), ("de", "Deutsch"), ("es", "Español")]:
        assert f'<option lang="{code}" value="{code}">{name}</option>' in body, (language, code)


@pytest.mark.parametrize(
    "language,expected",
    [
        ("fr", "3 clients"),
        ("de", "3 Kunden"),
        ("es", "3 clientes"),
        ("en", "3 customers"),
    ],
)
def test_list_count_is_pluralised(client, ctx, login_as, language, expected):
    login_as(make_user(language=language))
    for _ in range(3):
        make_customer()
    assert expected in client.get("/admin/customers").get_data(as_text=True)


def test_a_link_in_any_spelling_of_a_language_tag_opens_the_page_in_it(client):
    for tag in ("pt-BR", "pt_BR", "pt-br"):
        page = client.get(f"/admin/login?lang={tag}").get_data(as_text=True)
        assert '<html lang="pt-BR"' in page, tag
        assert "Português (Brasil)" in page, tag  # named in itself, its country capitalised
