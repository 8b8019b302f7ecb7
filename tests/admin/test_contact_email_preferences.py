"""A contact's email preferences (invoices and reminders, statements, support, projects): on by
default, changed by staff who may edit customers (and logged), obeyed by routine emails — a
document sent to the customer's contacts, a receipt, ticket notices — but never by the emails a
person asked for (a password link)."""

import re

import pytest

from app.extensions import db
from app.models import Contact
from app.services.customers.email_preferences import receives_condition
from app.services.sales.mailing import send_document
from tests.factories import (
    make_admin,
    make_contact,
    make_customer,
    make_document,
    make_ticket,
    make_user,
)

FIELD_NAMES = {
    "en": "Emails: invoices and reminders",
    "fr": "E-mails\u00a0: factures et relances",
    "de": "E-Mails: Rechnungen und Zahlungserinnerungen",
    "es": "Correos: facturas y recordatorios",
}
SWITCHES = {
    "en": ("Emails this contact receives", "Invoices and reminders", "Statements"),
    "fr": ("E-mails reçus par ce contact", "Factures et relances", "Relevés de compte"),
    "de": ("E-Mails, die dieser Kontakt erhält", "Rechnungen und Zahlungserinnerungen",
           "Kontoauszüge"),
    "es": ("Correos que recibe este contacto", "Facturas y recordatorios", "Estados de cuenta"),
}  # fmt: skip
NOTE = "Opted out of invoice emails: sent only if you tick it."


def fresh(contact) -> Contact:
    db.session.expire_all()
    return db.session.get(Contact, contact.id)


def edit_url(contact) -> str:
    return f"/admin/customers/{contact.customer_id}/contacts/{contact.id}"


def contact_form(contact, **changes) -> dict:
    """The edit form as a browser posts it: every switch on unless `changes` say otherwise."""
    data = {"first_name": contact.first_name, "last_name": contact.last_name,
            "email": contact.email, "phone": "", "position": "", "perm_invoices": "y",
            "perm_support": "y", "email_invoices": "y", "email_statements": "y",
            "email_support": "y", "email_projects": "y"}  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def switched_on(page: str, topic: str) -> bool:
    """Whether the page's `email_<topic>` switch is ticked."""
    tag = re.search(rf'<input[^>]*id="email_{topic}"[^>]*>', page)
    assert tag, f"no switch for {topic}"
    return " checked" in tag.group(0)


def recipients_of(inbox) -> list[str]:
    return sorted(message["To"] for message in inbox.messages)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_every_preference_is_on_by_default_and_shown_as_switches(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    contact = make_contact(make_customer())
    assert all(contact.receives(t) for t in ("invoices", "statements", "support", "projects"))
    for url in (edit_url(contact), f"/admin/customers/{contact.customer_id}/contacts/new"):
        page = client.get(url).get_data(as_text=True)
        for words in SWITCHES[language]:
            assert words in page
        for topic in ("invoices", "statements", "support", "projects"):
            assert switched_on(page, topic)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_staff_switch_one_off_and_the_activity_says_so(client, ctx, login_as, language):
    login_as(make_admin(name="Dana Admin", language=language))
    contact = make_contact(make_customer())
    url = edit_url(contact)
    response = client.post_form(url, contact_form(contact, email_invoices=None), token_from=url)
    assert response.status_code == 303
    saved = fresh(contact)
    assert not saved.email_invoices and saved.email_support and saved.email_statements
    activity = client.get(f"/admin/customers/{contact.customer_id}/activity").get_data(as_text=True)
    assert FIELD_NAMES[language] in activity and "Dana Admin" in activity
    page = client.get(url).get_data(as_text=True)
    assert not switched_on(page, "invoices") and switched_on(page, "support")


def test_without_customers_edit_the_preferences_do_not_change(client, ctx, login_as):
    customer = make_customer()
    contact = make_contact(customer)
    login_as(make_user(role={("customers", "view_all")}))
    url = edit_url(contact)
    data = contact_form(contact, email_invoices=None, email_support=None)
    assert client.post_form(url, data, token_from="/admin/").status_code == 403
    assert fresh(contact).email_invoices and fresh(contact).email_support


def test_an_invoice_sent_to_the_customers_contacts_skips_who_opted_out(ctx, inbox):
    customer = make_customer()
    make_contact(customer, email="wants@example.com")
    make_contact(customer, email="optedout@example.com", email_invoices=False)
    invoice = make_document(customer, status="draft")
    assert send_document(invoice, None) == 1
    db.session.commit()
    assert recipients_of(inbox) == ["wants@example.com"]
    # The reminder job picks its contacts in SQL with the same rule.
    wanted = db.session.scalars(
        db.select(Contact.email).where(
            Contact.customer_id == customer.id, receives_condition("invoices")
        )  # fmt: skip
    ).all()
    assert wanted == ["wants@example.com"]


def test_the_send_form_leaves_an_opted_out_contact_unticked_but_choosable(
    client, ctx, login_as, inbox
):
    login_as(make_admin())
    customer = make_customer()
    primary = make_contact(customer, email="primary@example.com", email_invoices=False)
    invoice = make_document(customer, status="draft")
    page = client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True)
    assert f'name="contacts" value="{primary.id}" checked' not in page
    assert f'name="contacts" value="{primary.id}"' in page and NOTE in page
    response = client.post_form(f"/admin/invoices/{invoice.id}/send",
                                {"contacts": [str(primary.id)]}, token_from="/admin/")  # fmt: skip
    assert response.status_code == 303
    assert recipients_of(inbox) == ["primary@example.com"]  # chosen by hand: sent


def test_a_primary_contact_who_wants_invoice_emails_is_ticked(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    primary = make_contact(customer)
    invoice = make_document(customer, status="draft")
    page = client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True)
    assert f'name="contacts" value="{primary.id}" checked' in page and NOTE not in page


@pytest.mark.parametrize("wants", [True, False])
def test_a_receipt_only_for_a_primary_contact_who_wants_invoice_emails(
    client, ctx, login_as, inbox, wants
):
    login_as(make_admin())
    customer = make_customer()
    make_contact(customer, email="primary@example.com", email_invoices=wants)
    invoice = make_document(customer, status="unpaid")
    url = f"/admin/invoices/{invoice.id}/payments"
    data = {"amount": "100", "paid_on": "2026-11-20", "mode": "bank_transfer",
            "send_receipt": "y"}  # fmt: skip
    response = client.post_form(url, data, token_from="/admin/")
    assert response.status_code == 303
    assert recipients_of(inbox) == (["primary@example.com"] if wants else [])


def test_no_ticket_notice_to_a_contact_opted_out_of_support(client, ctx, login_as, inbox):
    login_as(make_admin())
    quiet = make_ticket(make_contact(email="quiet@example.com", email_support=False))
    told = make_ticket(make_contact(email="told@example.com"))
    for ticket in (quiet, told):
        url = f"/admin/tickets/{ticket.id}"
        assert client.post_form(url, {"body": "Fixed it."}, token_from=url).status_code == 303
    assert recipients_of(inbox) == ["told@example.com"]


def test_a_password_link_reaches_a_contact_opted_out_of_everything(client, ctx, login_as, inbox):
    login_as(make_admin())
    contact = make_contact(email="quiet@example.com", email_invoices=False,
                           email_statements=False, email_support=False,
                           email_projects=False)  # fmt: skip
    url = f"{edit_url(contact)}/send-link"
    assert client.post_form(url, {}, token_from="/admin/").status_code == 303
    assert "/clients/set-password/" in inbox.only().get_body(("plain",)).get_content()
