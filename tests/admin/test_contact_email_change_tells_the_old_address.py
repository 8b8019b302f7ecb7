"""When staff change a contact's sign-in email, the old address is told (in the customer's
language, naming the new address and who changed it), through the outbox like every email."""

import pytest

from app.extensions import db
from app.models import Contact
from tests.factories import make_contact, make_customer, make_user

SUBJECTS = {
    "en": "Your client portal email address was changed",
    "fr": "L'adresse e-mail de votre espace client a été modifiée",
    "de": "Die E-Mail-Adresse Ihres Kundenportals wurde geändert",
    "es": "Se ha cambiado la dirección de correo de su portal de clientes",
}
UNEXPECTED = {
    "en": "If you did not expect this change",
    "fr": "Si vous ne vous attendiez pas à ce changement",
    "de": "Falls Sie diese Änderung nicht erwartet haben",
    "es": "Si usted no esperaba este cambio",
}


def fresh(contact) -> Contact:
    """The contact as saved now (the test's session may hold an older copy)."""
    db.session.expire_all()
    return db.session.get(Contact, contact.id)


def contact_form(contact, **changes) -> dict:
    data = {"first_name": contact.first_name, "last_name": contact.last_name,
            "email": contact.email, "phone": "", "position": "", "perm_invoices": "y"}  # fmt: skip
    return {**data, **changes}


def edit_url(contact) -> str:
    return f"/admin/customers/{contact.customer_id}/contacts/{contact.id}"


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_the_old_address_is_told_in_the_customers_language(
    app, ctx, client, login_as, inbox, language
):
    login_as(make_user(is_admin=True, name="Dana Admin"))
    contact = make_contact(make_customer(language=language), first_name="Claire",
                           email="claire@example.com")  # fmt: skip
    url = edit_url(contact)
    response = client.post_form(url, contact_form(contact, email="Claire.New@example.com"),
                                token_from=url)  # fmt: skip
    assert response.status_code == 303
    message = inbox.only()
    assert message["To"] == "claire@example.com"
    assert message["Subject"] == SUBJECTS[language]
    text = message.get_body(("plain",)).get_content()
    assert "claire.new@example.com" in text  # the new address, as stored
    assert "Dana Admin" in text and "Claire" in text
    assert UNEXPECTED[language] in text
    assert fresh(contact).email == "claire.new@example.com"


def test_no_email_when_the_address_did_not_change(app, ctx, client, login_as, inbox):
    login_as(make_user(is_admin=True))
    contact = make_contact(make_customer(), email="claire@example.com")
    url = edit_url(contact)
    data = contact_form(contact, position="Owner", email="CLAIRE@example.com")
    response = client.post_form(url, data, token_from=url)
    assert response.status_code == 303
    assert fresh(contact).position == "Owner"
    assert inbox.messages == []


def test_a_template_switched_off_sends_nothing_and_saves_the_change(
    app, ctx, client, login_as, inbox
):
    from app.models import EmailTemplate
    from app.services.mail.registry import BY_KEY

    spec = BY_KEY["contact_email_changed"]
    assert spec.group == "customers"  # editable under Settings → Email templates → Customers
    db.session.add(EmailTemplate(key=spec.key, language="en", subject=str(spec.subject),
                                 body_html=str(spec.body), active=False))  # fmt: skip
    db.session.commit()
    login_as(make_user(is_admin=True))
    contact = make_contact(make_customer(language="en"), email="claire@example.com")
    url = edit_url(contact)
    response = client.post_form(url, contact_form(contact, email="new@example.com"), token_from=url)
    assert response.status_code == 303
    assert inbox.messages == []
    assert fresh(contact).email == "new@example.com"


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_the_notice_is_editable_under_email_templates(app, ctx, client, login_as, language):
    login_as(make_user(is_admin=True))
    listing = client.get("/admin/settings/email-templates").get_data(as_text=True)
    assert f"/admin/settings/email-templates/contact_email_changed/{language}" in listing
    url = f"/admin/settings/email-templates/contact_email_changed/{language}"
    page = client.get(url).get_data(as_text=True)
    assert SUBJECTS[language].replace("'", "&#39;") in page
    for field in ("{contact_new_email}", "{changed_by}", "{contact_firstname}"):
        assert field in page
    preview = client.post_form(
        url,
        {"subject": "{contact_new_email}", "body_html": "<p>{changed_by}</p>", "_preview": "1"},
        token_from=url,
        headers={"HX-Request": "true"},
    ).get_data(as_text=True)
    assert "Sam Sales" in preview and "claire.martin@example.com" in preview
