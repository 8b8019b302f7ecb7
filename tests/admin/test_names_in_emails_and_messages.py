"""Names in emails and messages read right in every language: the name after a colon or in
quotes, never glued to a preposition ("de Atelier")."""

import pytest

from app.extensions import db
from app.services.settings import save_settings
from tests.factories import make_contact, make_customer, make_user


@pytest.fixture
def staff(client, ctx, login_as):
    save_settings({"company_name": "Atelier Comptoir"})
    db.session.commit()
    login_as(make_user())


NEW_CONTACT = {
    "first_name": "Hugo", "last_name": "Petit", "email": "hugo@example.com", "phone": "",
    "position": "", "perm_invoices": "y", "send_link": "y",
}  # fmt: skip


@pytest.mark.parametrize(
    ("language", "subject", "sentence"),
    [
        (
            "en",
            "Your access to the client portal of Atelier Comptoir",
            "You have been added as a contact of Éditions Rivage in the client portal of Atelier",
        ),
        (
            "fr",
            "Atelier Comptoir\u00a0: votre accès à l'espace client",
            "Atelier Comptoir vous a donné accès à son espace client, en tant que contact de "
            "«\u00a0Éditions Rivage\u00a0».",
        ),
        (
            "de",
            "Ihr Zugang zum Kundenportal von Atelier Comptoir",
            "Atelier Comptoir hat Ihnen Zugang zum Kundenportal gegeben, als Kontakt von "
            "„Éditions Rivage“.",
        ),
        (
            "es",
            "Atelier Comptoir: su acceso al portal de clientes",
            "Atelier Comptoir le ha dado acceso a su portal de clientes como contacto de "
            "«Éditions Rivage».",
        ),
    ],
)
def test_the_new_contact_email_names_both_firms_right(client, staff, inbox, language, subject,
                                                      sentence):  # fmt: skip
    customer = make_customer(company="Éditions Rivage", language=language)
    url = f"/admin/customers/{customer.id}/contacts/new"
    assert client.post_form(url, NEW_CONTACT, token_from=url).status_code == 303
    message = inbox.only()
    assert message["Subject"] == subject
    assert sentence in message.get_body(("plain",)).get_content()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "This email is already used by a contact of Atelier Lumière."),
        (
            "fr",
            "Cet e-mail est déjà utilisé par un contact du client «\u00a0Atelier Lumière\u00a0».",
        ),
        ("de", "Diese E-Mail-Adresse wird bereits von einem Kontakt des Kunden „Atelier Lumière“"),
        ("es", "Este correo electrónico ya lo usa un contacto del cliente «Atelier Lumière»."),
    ],
)
def test_an_email_taken_by_another_customer_names_it_in_quotes(client, ctx, login_as, language,
                                                               text):  # fmt: skip
    login_as(make_user(language=language))
    make_contact(make_customer(company="Atelier Lumière"), email="taken@example.com")
    url = f"/admin/customers/{make_customer().id}/contacts/new"
    response = client.post_form(url, {**NEW_CONTACT, "email": "taken@example.com"}, token_from=url)
    assert response.status_code == 422
    assert text in response.get_data(as_text=True).replace("&#34;", '"')
