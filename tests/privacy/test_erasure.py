"""Erasing a contact or a whole customer: their name and email are found nowhere in the
database afterwards (every text column of every table searched), except in the documents the
law keeps, which stay byte-identical with their stored PDFs; erasing twice (or with two clicks
at once) writes one log line; only administrators erase; another customer's contact is a 404."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Contact,
    Contract,
    Customer,
    CustomFieldValue,
    Document,
    FailedAttempts,
    KbVote,
    PasswordToken,
    PrivacyRequest,
    SecurityEvent,
    SignInSession,
    StoredPdf,
    TaskComment,
    TicketAttachment,
    TicketReply,
    TwoStep,
)
from app.services.customers.activity import log_activity
from app.services.customers.search import reindex_customer
from app.services.sales.pdf import document_pdf
from tests.factories import (
    make_admin,
    make_article,
    make_contact,
    make_contract,
    make_custom_field,
    make_customer,
    make_document,
    make_file,
    make_note,
    make_outbox_message,
    make_portal_contact,
    make_project,
    make_sign_in,
    make_ticket,
    make_two_step,
    make_user,
)
from tests.privacy.helpers import found_everywhere
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

NAME, EMAIL = "Claire Martin", "claire@boulangerie.example"


def erase_url(contact) -> str:
    return f"/admin/customers/{contact.customer_id}/contacts/{contact.id}/erase"


def _claire_everywhere():
    """Claire, quoted in every place a contact's data goes; her customer has an issued invoice
    (its PDF stored) and a contract she signed."""
    customer = make_customer(company="Boulangerie Martin")
    claire = make_portal_contact(customer, first_name="Claire", last_name="Martin",
                                 email=EMAIL, phone="+33612345678")  # fmt: skip
    make_contact(customer, first_name="Bruno", last_name="Keeps", email="bruno@example.com")
    ticket = make_ticket(claire, subject="Oven broken, Claire Martin")
    staff = make_user(name="Support person")
    db.session.add(TicketReply(ticket=ticket, user=staff, body=f"Dear {NAME}, write to {EMAIL}"))
    project = make_project(customer, name="Shop", tasks=[("Paint", "todo")])
    db.session.add(TaskComment(task_id=project.tasks[0].id, contact_id=claire.id,
                               body=f"{NAME} here"))  # fmt: skip
    make_note(customer, contact=claire, body="<p>Prefers the morning</p>")
    make_note(customer, body=f"<p>Ask {NAME} about the oven</p>")
    log_activity(customer, None, "contact.created", subject=NAME)
    log_activity(customer, staff, "contact.updated", changes={"email": [EMAIL, "x@example.com"]})
    make_outbox_message(customer, recipient=EMAIL, subject=f"Hello {NAME}",
                        body_text=f"Hello {NAME}", body_html=f"<p>Hello {NAME}</p>")  # fmt: skip
    db.session.add(KbVote(article_id=make_article().id, contact_id=claire.id, helpful=True,
                          comment=f"Signed {NAME}", language="en"))  # fmt: skip
    db.session.add(PasswordToken(token_hash="t" * 64, contact_id=claire.id,
                                 expires_at=claire.created_at))  # fmt: skip
    field = make_custom_field(key="nickname", entity="contact")
    db.session.add(CustomFieldValue(entity_type="contact", record_id=claire.id,
                                    field_id=field.id, value_text=NAME))  # fmt: skip
    about = make_custom_field(key="who_to_call", entity="customer")
    db.session.add(CustomFieldValue(entity_type="customer", record_id=customer.id,
                                    field_id=about.id, value_text=f"Call {NAME}"))  # fmt: skip
    db.session.add(FailedAttempts(key=f"contact:{EMAIL}", count=2, window_start=claire.created_at))
    attachment = ticket.replies[0]
    db.session.add(TicketAttachment(reply_id=attachment.id, filename=f"{NAME}.txt",
                                    content_type="text/plain", size=1, content=b"x"))  # fmt: skip
    db.session.commit()
    make_sign_in(claire)
    make_two_step(claire)
    reindex_customer(customer)
    db.session.commit()
    invoice = make_document(customer, kind="invoice", status="unpaid", notes=f"For {NAME}")
    pdf = document_pdf(invoice, keep=True)
    estimate = make_document(customer, kind="estimate", status="sent", notes=f"For {NAME}")
    contract = make_contract(customer, status="signed", signed_name=NAME,
                             signed_by_contact_id=claire.id,
                             signed_company="Boulangerie Martin")  # fmt: skip
    return claire, invoice, pdf, estimate, contract


def _snapshot(document_id: int) -> tuple:
    db.session.expire_all()
    row = db.session.get(Document, document_id)
    columns = [c.key for c in Document.__table__.columns]
    stored = db.session.scalars(select(StoredPdf.content).where(
        StoredPdf.document_id == document_id)).all()  # fmt: skip
    return tuple(getattr(row, c) for c in columns), tuple(stored)


def test_an_erased_contact_is_found_nowhere_but_in_the_documents_the_law_keeps(
    client, ctx, login_as
):
    claire, invoice, _pdf, estimate, contract = _claire_everywhere()
    before = _snapshot(invoice.id)
    assert before[1], "the invoice's PDF is stored"
    assert found_everywhere(NAME, EMAIL)  # she is everywhere before
    login_as(make_admin())
    page = client.get(erase_url(claire)).get_data(as_text=True)
    assert "Erase the personal data of Claire Martin?" in page
    assert invoice.number in page and "10 years" in page  # what is kept, and why
    response = client.post_form(erase_url(claire), token_from=erase_url(claire))
    assert response.status_code == 303
    assert "personal data is erased" in client.get(response.headers["Location"]).get_data(
        as_text=True)  # fmt: skip
    left = found_everywhere(NAME, EMAIL, "+33612345678")
    # the signed contract's signature, and the issued invoice (its notes quote her) as issued
    assert left == {("contracts", "signed_name", (contract.id,)),
                    ("sales_documents", "notes", (invoice.id,))}  # fmt: skip
    assert _snapshot(invoice.id) == before  # the issued invoice and its PDF, byte-identical
    db.session.expire_all()
    erased = db.session.get(Contact, claire.id)
    assert erased.full_name == f"Erased contact #{claire.id}"
    assert erased.email == f"erased-{claire.id}@invalid"
    assert erased.password_hash is None and not erased.active
    for entity in (SignInSession, SecurityEvent, PasswordToken, TwoStep):
        assert db.session.scalar(select(func.count()).select_from(entity).where(
            entity.contact_id == claire.id)) == 0, entity  # fmt: skip
    assert db.session.scalar(select(KbVote.comment)) is None
    assert (
        db.session.scalar(select(CustomFieldValue.value_text))
        == f"Call Erased contact #{claire.id}"
    )
    assert "Erased contact" in db.session.get(Document, estimate.id).notes
    assert db.session.get(Contract, contract.id).signed_name == NAME  # the signed record
    log = db.session.scalars(select(PrivacyRequest)).one()
    assert (log.kind, log.status, log.contact_id) == ("erase", "done", claire.id)
    assert invoice.number in log.kept["documents"] and log.kept["contracts"] == [contract.id]


def test_erasing_twice_changes_nothing_more_and_writes_one_line(client, ctx, login_as):
    claire = make_contact(make_customer(), first_name="Claire", last_name="Martin", email=EMAIL)
    login_as(make_admin())
    for _ in range(2):
        assert client.post_form(erase_url(claire), token_from="/admin/").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(PrivacyRequest)) == 1
    assert "Already erased" in client.get(erase_url(claire)).get_data(as_text=True)


def test_two_clicks_at_once_erase_once(app, ctx):
    claire = make_contact(make_customer(), first_name="Claire", last_name="Martin", email=EMAIL)
    url = erase_url(claire)
    results = _at_once(_browsers(app, 2), [(url, {}), (url, {})])
    assert sorted(status for _url, status, _page in results) == [303, 303]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(PrivacyRequest)) == 1
    assert db.session.get(Contact, claire.id).email == f"erased-{claire.id}@invalid"


def test_only_administrators_erase_and_another_customers_contact_is_a_404(client, ctx, login_as):
    claire = make_contact(make_customer(), first_name="Claire", last_name="Martin", email=EMAIL)
    other = make_contact(make_customer())
    login_as(make_user())  # a team member: every module but settings and staff
    assert client.get(erase_url(claire)).status_code == 403
    assert client.post_form(erase_url(claire), token_from="/admin/").status_code == 403
    login_as(make_admin())
    wrong = f"/admin/customers/{claire.customer_id}/contacts/{other.id}/erase"
    assert client.post_form(wrong, token_from="/admin/").status_code == 404
    db.session.expire_all()
    assert db.session.get(Contact, claire.id).email == EMAIL
    assert db.session.get(Contact, other.id).email != f"erased-{other.id}@invalid"


def test_an_erased_customer_keeps_its_issued_invoices_and_becomes_erased_customer_n(
    client, ctx, login_as
):
    sole = make_customer(company="Jean Dupont", phone="+33145678901", address="3 rue des Lilas",
                         billing_street="3 rue des Lilas", vat_number="FR40303265045")  # fmt: skip
    jean = make_contact(sole, first_name="Jean", last_name="Dupont", email="jean@dupont.example")
    invoice = make_document(sole, kind="invoice", status="unpaid")
    assert invoice.client_company == "Jean Dupont"
    document_pdf(invoice, keep=True)
    draft = make_document(sole, kind="invoice", status="draft")
    estimate = make_document(sole, kind="estimate", status="sent")
    make_note(sole, body="<p>Jean Dupont pays late</p>")
    make_file(sole, description="Jean Dupont's ID")
    make_ticket(jean, subject="Jean Dupont's question")
    reindex_customer(sole)
    db.session.commit()
    before = _snapshot(invoice.id)
    other = make_contact(make_customer(company="Jean Dupont Fan Club"))  # another customer
    login_as(make_admin())
    url = f"/admin/customers/{sole.id}/erase"
    assert "Erase the personal data of Jean Dupont and all its contacts?" in client.get(
        url).get_data(as_text=True)  # fmt: skip
    assert client.post_form(url, token_from=url).status_code == 303
    assert client.post_form(url, token_from=url).status_code == 303  # a second click
    left = found_everywhere("Jean Dupont", "jean@dupont.example", "+33145678901", "Lilas",
                            "FR40303265045")  # fmt: skip
    other_customer = {("customers", "company", (other.customer_id,)),
                      ("customers", "company_key", (other.customer_id,))}  # fmt: skip
    kept = {(t, c, k) for t, c, k in left if t == "sales_documents" and k == (invoice.id,)}
    assert kept and left - kept == other_customer
    assert _snapshot(invoice.id) == before
    db.session.expire_all()
    customer = db.session.get(Customer, sole.id)
    assert customer.company == f"Erased customer #{sole.id}" and not customer.active
    assert db.session.get(Contact, jean.id).email == f"erased-{jean.id}@invalid"
    for document in (draft, estimate):
        assert db.session.get(Document, document.id).client_company == customer.company
    assert db.session.scalar(select(func.count()).select_from(PrivacyRequest)) == 1
    assert db.session.scalar(select(PrivacyRequest.kept))["documents"] == [invoice.number]


@pytest.mark.parametrize("language", ["fr"])
def test_the_erase_page_speaks_the_staff_language(client, ctx, login_as, language):
    claire = make_contact(make_customer(), first_name="Claire", last_name="Martin", email=EMAIL)
    login_as(make_admin(language=language))
    page = client.get(erase_url(claire)).get_data(as_text=True)
    assert "Effacer" in page


def test_two_clicks_at_once_erase_a_customer_once(app, ctx):
    customer = make_customer(company="Jean Dupont")
    jean = make_contact(
        customer, first_name="Jean", last_name="Dupont", email="jean@dupont.example"
    )
    url = f"/admin/customers/{customer.id}/erase"
    results = _at_once(_browsers(app, 3), [(url, {})] * 3)
    assert sorted(status for _url, status, _page in results) == [303, 303, 303]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(PrivacyRequest)) == 1
    assert db.session.get(Customer, customer.id).company == f"Erased customer #{customer.id}"
    assert db.session.get(Contact, jean.id).email == f"erased-{jean.id}@invalid"
    assert found_everywhere("Jean Dupont", "jean@dupont.example") == set()
