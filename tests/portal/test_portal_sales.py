"""Invoices and estimates in the portal: the customer's own, sent ones only; answering."""

import subprocess

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Document
from tests.factories import make_admin, make_contact, make_customer, make_document, make_user


@pytest.fixture
def contact(client, ctx, login_as):
    person = make_contact(make_customer(company="Acme", language="fr"))
    login_as(person)
    return person


def test_contact_sees_sent_invoices_not_drafts(client, contact):
    sent = make_document(contact.customer, status="unpaid", language="fr")
    draft = make_document(contact.customer, status="draft", language="fr")
    other = make_document(make_customer(), status="unpaid")
    page = client.get("/clients/invoices").get_data(as_text=True)
    assert sent.number in page and other.number not in page
    assert f'/clients/invoices/{draft.id}"' not in page and "Draft" not in page
    assert client.get(f"/clients/invoices/{draft.id}").status_code == 404
    assert client.get(f"/clients/invoices/{other.id}").status_code == 404
    detail = client.get(f"/clients/invoices/{sent.id}").get_data(as_text=True)
    assert "Facture" in detail and "900,00" in detail


def test_portal_pdf_is_in_the_customers_language(client, contact):
    invoice = make_document(contact.customer, status="unpaid", language="fr")
    response = client.get(f"/clients/invoices/{invoice.id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True
    ).stdout.decode()
    assert "Facture INV-000001" in text


def test_accepting_an_estimate_tells_its_author(client, contact, inbox):
    author = make_user(email="author@example.com", language="de")
    estimate = make_document(contact.customer, kind="estimate", status="sent", language="fr")
    estimate.created_by_id = author.id
    db.session.commit()
    url = f"/clients/estimates/{estimate.id}"
    assert "Accepter le devis" in client.get(url).get_data(as_text=True)
    response = client.post_form(f"{url}/answer", {"answer": "accept"}, token_from=url)
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Document, estimate.id).status == "accepted"
    message = inbox.only()
    assert message["To"] == "author@example.com" and "Angenommen" in message["Subject"]
    again = client.post_form(f"{url}/answer", {"answer": "decline"}, token_from=url)
    assert again.status_code == 303
    db.session.expire_all()
    assert db.session.get(Document, estimate.id).status == "accepted"


def test_declining_tells_the_admins_when_nobody_wrote_it(client, contact, inbox):
    make_admin(email="boss@example.com")
    estimate = make_document(contact.customer, kind="estimate", status="sent")
    url = f"/clients/estimates/{estimate.id}"
    client.post_form(f"{url}/answer", {"answer": "decline"}, token_from=url)
    assert inbox.only()["To"] == "boss@example.com"
    db.session.expire_all()
    assert db.session.scalar(select(Document.status)) == "declined"


def test_without_permission_documents_are_forbidden(client, ctx, login_as):
    person = make_contact(make_customer(), perm_invoices=False, perm_estimates=False)
    invoice = make_document(person.customer, status="unpaid")
    estimate = make_document(person.customer, kind="estimate", status="sent")
    login_as(person)
    for url in [
        "/clients/invoices",
        f"/clients/invoices/{invoice.id}",
        f"/clients/invoices/{invoice.id}/pdf",
        "/clients/estimates",
        f"/clients/estimates/{estimate.id}",
        f"/clients/estimates/{estimate.id}/pdf",
    ]:
        assert client.get(url).status_code == 403, url
    token = client.csrf_token("/clients/")
    response = client.post(
        f"/clients/estimates/{estimate.id}/answer", data={"csrf_token": token, "answer": "accept"}
    )
    assert response.status_code == 403
