"""In the portal, Profile → "Emails I receive": a contact switches their own routine emails off
and on (the customer's Activity records it), never another contact's; a password link still
reaches a contact who switched everything off, a ticket notice does not."""

import html
import re

import pytest

from app.extensions import db
from app.models import Contact
from tests.factories import make_admin, make_customer, make_portal_contact, make_ticket

URL = "/clients/profile"
POST = "/clients/profile/emails"
WORDS = {
    "en": ("Emails I receive", "Invoices and reminders", "Your email choices are saved."),
    "fr": ("E-mails que je reçois", "Factures et relances",
           "Vos choix d'e-mails sont enregistrés."),
    "de": ("E-Mails, die ich erhalte", "Rechnungen und Zahlungserinnerungen",
           "Ihre E-Mail-Auswahl ist gespeichert."),
    "es": ("Correos que recibo", "Facturas y recordatorios",
           "Sus preferencias de correo se han guardado."),
}  # fmt: skip
ALL_ON = {f"email_{t}": "y" for t in ("invoices", "statements", "support", "projects")}


def fresh(contact) -> Contact:
    db.session.expire_all()
    return db.session.get(Contact, contact.id)


def switched_on(page: str, topic: str) -> bool:
    tag = re.search(rf'<input[^>]*id="email_{topic}"[^>]*>', page)
    assert tag, f"no switch for {topic}"
    return " checked" in tag.group(0)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_a_contact_switches_off_support_emails_in_their_language(client, ctx, login_as, language):
    contact = make_portal_contact(make_customer(language=language))
    login_as(contact)
    page = client.get(URL).get_data(as_text=True)
    heading, switch, saved = WORDS[language]
    assert heading in page and switch in page
    assert all(switched_on(page, t) for t in ("invoices", "statements", "support", "projects"))
    data = {k: v for k, v in ALL_ON.items() if k != "email_support"}
    response = client.post_form(POST, data, token_from=URL)
    assert response.status_code == 303 and response.headers["Location"] == URL
    page = client.get(URL).get_data(as_text=True)
    assert saved in html.unescape(page)
    assert not switched_on(page, "support") and switched_on(page, "invoices")
    assert not fresh(contact).email_support and fresh(contact).email_invoices


def test_the_customers_activity_records_the_contacts_choice(client, ctx, login_as, app):
    contact = make_portal_contact(first_name="Ann", last_name="Quiet")
    login_as(contact)
    client.post_form(POST, {"email_invoices": "y"}, token_from=URL)
    staff = app.test_client()
    from tests.factories import make_sign_in

    with staff.session_transaction() as session:
        session["_user_id"] = make_sign_in(make_admin())
        session["_fresh"] = True
    activity = staff.get(f"/admin/customers/{contact.customer_id}/activity").get_data(as_text=True)
    assert "Ann Quiet (contact)" in activity and "Emails: support" in activity


def test_a_contact_changes_only_their_own_choices(client, ctx, login_as):
    customer = make_customer()
    mine = make_portal_contact(customer)
    other = make_portal_contact(customer)
    login_as(mine)
    # No contact id in the address: a forged one in the form changes nothing of the other's.
    client.post_form(POST, {"contact_id": str(other.id)}, token_from=URL)
    assert not fresh(mine).email_invoices
    assert fresh(other).email_invoices and fresh(other).email_support
    # The staff form of the other contact is not for contacts.
    response = client.post_form(f"/admin/customers/{customer.id}/contacts/{other.id}",
                                {"first_name": "X", "last_name": "Y", "email": other.email},
                                token_from=URL)  # fmt: skip
    assert response.status_code in (302, 303, 404)
    assert fresh(other).first_name != "X" and fresh(other).email_projects


def test_a_reload_of_the_posted_address_goes_back_to_the_profile(client, ctx, login_as):
    login_as(make_portal_contact())
    response = client.get(POST)
    assert response.status_code == 303 and response.headers["Location"] == URL


def test_an_opted_out_contact_gets_the_password_link_but_no_ticket_notice(
    client, ctx, login_as, inbox
):
    contact = make_portal_contact()
    login_as(contact)
    client.post_form(POST, {}, token_from=URL)  # every switch off
    client.post_form("/clients/logout", {}, token_from=URL)
    visitor = client.application.test_client()
    response = visitor.post_form("/clients/forgot-password", {"email": contact.email},
                                 token_from="/clients/login")  # fmt: skip
    assert response.status_code == 303
    assert "/clients/set-password/" in inbox.only().get_body(("plain",)).get_content()
    inbox.clear()
    ticket = make_ticket(fresh(contact))
    login_as(make_admin())
    url = f"/admin/tickets/{ticket.id}"
    assert client.post_form(url, {"body": "Fixed it."}, token_from=url).status_code == 303
    assert inbox.messages == []
