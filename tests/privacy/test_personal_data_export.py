"""A contact's personal data as a ZIP: personal-data.json holds everything about them (and
nobody else), the PDFs are the documents their portal permissions open, checked by text
extraction; staff download it from the contact's page, the contact from their profile; every
download is logged; another customer's contact is a 404."""

import io
import json
import zipfile

from sqlalchemy import select

from app.extensions import db
from app.models import KbVote, PrivacyRequest, SecurityEvent, SignInSession
from tests.factories import (
    make_admin,
    make_article,
    make_contact,
    make_contract,
    make_customer,
    make_document,
    make_note,
    make_outbox_message,
    make_portal_contact,
    make_role,
    make_ticket,
    make_user,
)
from tests.sales.test_pdf import pdf_text


def export_url(contact) -> str:
    return f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/personal-data"


def contact_url(contact) -> str:
    return f"/admin/customers/{contact.customer_id}/contacts/{contact.id}"


def _zip(response) -> tuple[dict, dict[str, bytes]]:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    files = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(files.pop("personal-data.json")), files


def _someone_with_everything():
    """Claire, a contact with a ticket, a note, a vote, emails, sessions; a colleague of hers
    (Bruno) with his own; another customer's contact (Otto)."""
    customer = make_customer(company="Boulangerie Martin", phone="+33145678901")
    claire = make_portal_contact(
        customer, first_name="Claire", last_name="Martin", email="claire@boulangerie.example",
        perm_estimates=False,
    )  # fmt: skip
    bruno = make_contact(customer, first_name="Bruno", last_name="Secret",
                         email="bruno@boulangerie.example")  # fmt: skip
    otto = make_contact(make_customer(company="Other Ltd"), first_name="Otto",
                        email="otto@other.example")  # fmt: skip
    make_ticket(claire, subject="Oven broken")
    make_ticket(bruno, subject="Bruno's ticket")
    make_note(customer, contact=claire, body="<p>Prefers calls <b>before 10</b></p>")
    make_note(customer, contact=bruno, body="<p>Bruno's note</p>")
    make_outbox_message(customer, recipient=claire.email, subject="Your invoice INV-1")
    make_outbox_message(customer, recipient=bruno.email, subject="Bruno's email")
    article = make_article()
    db.session.add(KbVote(article_id=article.id, contact_id=claire.id, helpful=False,
                          comment="Too short", language="en"))  # fmt: skip
    db.session.add(SignInSession(key_hash="k" * 64, contact_id=claire.id, browser="Firefox",
                                 os="Linux", ip_address="192.0.2.7"))  # fmt: skip
    db.session.add(SecurityEvent(contact_id=claire.id, event="sign_in", ip_address="192.0.2.7"))
    db.session.commit()
    invoice = make_document(customer, kind="invoice", status="unpaid")
    make_document(customer, kind="estimate", status="sent")  # estimates are off for Claire
    make_document(customer, kind="invoice", status="draft")  # never shown in the portal
    make_contract(customer, subject="Maintenance 2027")
    make_document(otto.customer, kind="invoice", status="unpaid")
    return claire, bruno, otto, invoice


def test_staff_download_everything_about_the_contact_and_nothing_else(client, ctx, login_as):
    claire, bruno, otto, invoice = _someone_with_everything()
    admin = make_admin()
    login_as(admin)
    page = client.get(contact_url(claire)).get_data(as_text=True)
    assert "Download personal data" in page
    data, files = _zip(client.post_form(export_url(claire), token_from=contact_url(claire)))
    assert data["contact"]["email"] == "claire@boulangerie.example"
    assert data["contact"]["first_name"] == "Claire"
    assert data["customer"]["company"] == "Boulangerie Martin"
    assert [t["subject"] for t in data["tickets"]] == ["Oven broken"]
    assert data["tickets"][0]["messages"][0]["body"] == "Please help"
    assert [n["text"] for n in data["notes_about_you"]] == ["Prefers calls before 10"]
    assert [m["subject"] for m in data["emails_sent_to_you"]] == ["Your invoice INV-1"]
    assert data["knowledge_base_votes"][0]["comment"] == "Too short"
    assert data["sign_in_sessions"][0]["ip_address"] == "192.0.2.7"
    assert data["security_log"][0]["event"] == "sign_in"
    assert data["email_preferences"] == {"invoices": True, "statements": True, "support": True,
                                         "projects": True}  # fmt: skip
    text = json.dumps(data)
    assert "Bruno" not in text and "bruno@" not in text and "Otto" not in text
    # The PDFs: the issued invoice and the sent contract; no estimate (Claire may not see
    # them), no draft, nothing of the other customer
    assert sorted(files) == [
        f"contracts/contract-{_contract_id(claire)}-maintenance-2027.pdf",
        f"documents/{invoice.number}.pdf",
    ]
    invoice_text = pdf_text(files[f"documents/{invoice.number}.pdf"])
    assert invoice.number in invoice_text and "Boulangerie Martin" in invoice_text
    contract = next(v for k, v in files.items() if k.startswith("contracts/"))
    assert "Maintenance 2027" in pdf_text(contract)
    logged = db.session.scalar(select(PrivacyRequest))
    assert (logged.kind, logged.status, logged.contact_id, logged.asked_by_id) == (
        "export",
        "done",
        claire.id,
        admin.id,
    )
    assert len(logged.kept["files"]) == 2


def _contract_id(contact) -> int:
    from app.models import Contract

    return db.session.scalar(select(Contract.id).where(Contract.customer_id == contact.customer_id))


def test_the_contact_downloads_their_own_data_from_their_profile(client, ctx, login_as):
    claire, _bruno, _otto, invoice = _someone_with_everything()
    login_as(claire)
    page = client.get("/clients/profile").get_data(as_text=True)
    assert "Download my data" in page and "Ask for my data to be erased" in page
    data, files = _zip(client.post_form("/clients/profile/personal-data",
                                        token_from="/clients/profile"))  # fmt: skip
    assert data["contact"]["id"] == claire.id
    assert f"documents/{invoice.number}.pdf" in files
    logged = db.session.scalar(select(PrivacyRequest))
    assert (logged.asked_by_contact_id, logged.asked_by_id) == (claire.id, None)


def test_a_contact_without_invoices_permission_gets_no_invoice(client, ctx, login_as):
    claire, *_ = _someone_with_everything()
    claire.perm_invoices = claire.perm_contracts = False
    db.session.commit()
    login_as(claire)
    _data, files = _zip(client.post_form("/clients/profile/personal-data",
                                         token_from="/clients/profile"))  # fmt: skip
    assert files == {}


def test_another_customers_contact_is_a_404_and_view_own_staff_see_only_theirs(
    client, ctx, login_as
):
    claire, _bruno, otto, _invoice = _someone_with_everything()
    login_as(make_admin())
    wrong = f"/admin/customers/{claire.customer_id}/contacts/{otto.id}/personal-data"
    assert client.post_form(wrong, token_from=contact_url(claire)).status_code == 404
    member = make_user(role=make_role((("customers", "view_own"), ("customers", "edit"))))
    mine = make_customer(admins=[member])
    own = make_contact(mine)
    login_as(member)
    token_page = contact_url(own)
    assert client.post_form(export_url(claire), token_from=token_page).status_code == 404
    assert client.post_form(export_url(own), token_from=token_page).status_code == 200
    assert db.session.query(PrivacyRequest).count() == 1


def test_a_large_customer_still_exports(client, ctx, login_as):
    customer = make_customer(company="Big Co")
    contact = make_portal_contact(customer)
    for _ in range(30):
        make_ticket(contact, subject="Many")
    invoices = [make_document(customer, kind="invoice", status="unpaid") for _ in range(6)]
    login_as(contact)
    data, files = _zip(client.post_form("/clients/profile/personal-data",
                                        token_from="/clients/profile"))  # fmt: skip
    assert len(data["tickets"]) == 30
    assert sorted(files) == sorted(f"documents/{i.number}.pdf" for i in invoices)
