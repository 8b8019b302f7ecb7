"""Proposals: a rich-text body above the lines, read/revised statuses, answers, conversion."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Document
from tests.factories import (
    document_form,
    make_admin,
    make_contact,
    make_currency,
    make_customer,
    make_document,
)
from tests.portal.test_view_as import view_as
from tests.sales.test_pdf import pdf_text


@pytest.fixture
def admin(client, ctx, login_as):
    user = make_admin(email="author@example.com")
    login_as(user)
    return user


def test_create_a_proposal_with_a_sanitised_body(client, admin):
    eur = make_currency("EUR", is_default=True)
    customer = make_customer(company="Acme")
    url = "/admin/proposals/new"
    assert "New proposal" in client.get(url).get_data(as_text=True)  # choose the customer first
    page = client.get(f"{url}?customer={customer.id}").get_data(as_text=True)
    assert "New proposal" in page and "Proposal text" in page and "Valid until" in page
    body = '<p>Our <b>offer</b></p><script>alert(1)</script><a href="javascript:x()">x</a>'
    response = client.post_form(url, document_form(customer, eur, body=body), token_from=url)
    assert response.status_code == 303
    proposal = db.session.scalars(select(Document)).one()
    assert proposal.kind == "proposal" and proposal.number == "PRO-000001"
    assert "<b>offer</b>" in proposal.body and "script" not in proposal.body
    assert "javascript" not in proposal.body
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Proposal PRO-000001" in detail and "<b>offer</b>" in detail
    assert "Convert to estimate" in detail and "Convert to invoice" in detail
    listing = client.get("/admin/proposals").get_data(as_text=True)
    assert "PRO-000001" in listing
    tab = client.get(f"/admin/customers/{customer.id}/proposals").get_data(as_text=True)
    assert "PRO-000001" in tab and "New proposal" in tab


@pytest.mark.parametrize(
    "overrides",
    [{"body": "x" * 50001}, {"items-0-description": ""}, {"customer_id": "424242"}],
)
def test_bad_proposal_input_saves_nothing(client, admin, overrides):
    eur = make_currency("EUR")
    url = "/admin/proposals/new"
    response = client.post_form(
        url,
        document_form(make_customer(), eur, **overrides),
        token_from=url,
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert db.session.scalars(select(Document)).all() == []


def test_sending_emails_the_contact_in_their_language_with_the_pdf(client, admin, inbox):
    customer = make_customer(company="Boulangerie", language="fr")
    contact = make_contact(customer)
    proposal = make_document(
        customer, kind="proposal", language="fr", body="<p>Refonte de votre site</p>"
    )
    url = f"/admin/proposals/{proposal.id}/send"
    assert (
        client.post_form(url, {"contacts": [str(contact.id)]}, token_from="/admin/").status_code
        == 303
    )
    message = inbox.only()
    assert message["To"] == contact.email and "proposition commerciale" in message["Subject"]
    assert f"/clients/proposals/{proposal.id}" in message.get_body(("plain",)).get_content()
    pdf = next(p for p in message.iter_attachments() if p.get_content_type() == "application/pdf")
    text = pdf_text(pdf.get_content())
    assert "PRO-000001" in text and "Refonte de votre site" in text
    db.session.expire_all()
    assert db.session.get(Document, proposal.id).status == "sent"


def test_contact_reads_then_accepts_and_the_author_hears(client, ctx, login_as, inbox):
    author = make_admin(email="author@example.com", language="de")
    contact = make_contact(make_customer(company="Acme", language="fr"))
    proposal = make_document(contact.customer, kind="proposal", status="sent", language="fr")
    proposal.created_by_id = author.id
    db.session.commit()
    login_as(contact)
    url = f"/clients/proposals/{proposal.id}"
    assert proposal.number in client.get("/clients/proposals").get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "Accepter la proposition" in page and "Consultée" in page  # agrees with 'proposition'
    db.session.expire_all()
    assert db.session.get(Document, proposal.id).status == "open"  # staff can see it was read
    response = client.post_form(f"{url}/answer", {"answer": "accept"}, token_from=url)
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Document, proposal.id).status == "accepted"
    message = inbox.only()
    assert message["To"] == "author@example.com" and "Angenommen" in message["Subject"]
    assert f"/admin/proposals/{proposal.id}" in message.get_body(("plain",)).get_content()
    again = client.post_form(f"{url}/answer", {"answer": "decline"}, token_from=url)
    assert again.status_code == 303
    assert "ne peut plus" in client.get(url).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Document, proposal.id).status == "accepted"


def test_staff_viewing_as_the_contact_does_not_mark_it_read(client, ctx, login_as):
    contact = make_contact(make_customer())
    proposal = make_document(contact.customer, kind="proposal", status="sent")
    login_as(make_admin())
    view_as(client, contact)
    assert client.get(f"/clients/proposals/{proposal.id}").status_code == 200
    db.session.expire_all()
    assert db.session.get(Document, proposal.id).status == "sent"


def test_drafts_and_other_customers_proposals_are_404(client, ctx, login_as):
    contact = make_contact(make_customer())
    draft = make_document(contact.customer, kind="proposal", status="draft")
    theirs = make_document(make_customer(), kind="proposal", status="sent")
    login_as(contact)
    listing = client.get("/clients/proposals").get_data(as_text=True)
    assert draft.number not in listing and theirs.number not in listing
    for document in (draft, theirs):
        for suffix in ("", "/pdf"):
            assert client.get(f"/clients/proposals/{document.id}{suffix}").status_code == 404
        url = f"/clients/proposals/{document.id}/answer"
        assert (
            client.post_form(url, {"answer": "accept"}, token_from="/clients/").status_code == 404
        )


def test_without_the_permission_proposals_are_forbidden_and_hidden(client, ctx, login_as):
    contact = make_contact(make_customer(), perm_proposals=False)
    proposal = make_document(contact.customer, kind="proposal", status="sent")
    login_as(contact)
    assert 'href="/clients/proposals"' not in client.get("/clients/").get_data(as_text=True)
    for url in (
        "/clients/proposals",
        f"/clients/proposals/{proposal.id}",
        f"/clients/proposals/{proposal.id}/pdf",
    ):
        assert client.get(url).status_code == 403
    answer = f"/clients/proposals/{proposal.id}/answer"
    assert client.post_form(answer, {"answer": "accept"}, token_from="/clients/").status_code == 403


def test_editing_a_proposal_the_customer_has_read_marks_it_revised(client, admin):
    eur = make_currency("EUR")
    customer = make_customer()
    proposal = make_document(customer, kind="proposal", status="open")
    url = f"/admin/proposals/{proposal.id}/edit"
    data = document_form(customer, eur, body="<p>New price</p>", **{"items-0-rate": "400"})
    assert client.post_form(url, data, token_from=url).status_code == 303
    db.session.expire_all()
    revised = db.session.get(Document, proposal.id)
    assert revised.status == "revised" and revised.total == Decimal("800.00")
    page = client.get(f"/admin/proposals/{proposal.id}").get_data(as_text=True)
    assert "Revised" in page and "New price" in page


@pytest.mark.parametrize(
    ("target", "number"), [("estimate", "EST-000001"), ("invoice", None)]
)  # a draft invoice is numbered when it is issued
def test_an_accepted_proposal_converts_once_in_one_click(client, admin, target, number):
    proposal = make_document(make_customer(), kind="proposal", status="accepted")
    url = f"/admin/proposals/{proposal.id}/convert"
    response = client.post_form(url, {"to": target}, token_from="/admin/")
    created = db.session.scalars(select(Document).where(Document.kind == target)).one()
    assert response.status_code == 303
    assert response.headers["Location"] == f"/admin/{target}s/{created.id}"
    assert created.number == number and created.total == proposal.total
    page = client.get(f"/admin/{target}s/{created.id}").get_data(as_text=True)
    assert f'href="/admin/proposals/{proposal.id}"' in page and proposal.number in page
    page = client.get(f"/admin/proposals/{proposal.id}").get_data(as_text=True)
    assert f'href="/admin/{target}s/{created.id}"' in page and "Converted to:" in page
    again = client.post_form(url, {"to": target}, token_from="/admin/", follow_redirects=True)
    assert "already converted" in again.get_data(as_text=True)
    assert len(db.session.scalars(select(Document).where(Document.kind == target)).all()) == 1


@pytest.mark.parametrize("target", ["proposal", "ticket", ""])
def test_converting_to_something_else_creates_nothing(client, admin, target):
    proposal = make_document(make_customer(), kind="proposal", status="accepted")
    url = f"/admin/proposals/{proposal.id}/convert"
    response = client.post_form(url, {"to": target}, token_from="/admin/", follow_redirects=True)
    assert response.status_code == 200 and "cannot be converted" in response.get_data(as_text=True)
    assert db.session.scalars(select(Document.kind)).all() == ["proposal"]


def test_a_declined_proposal_does_not_convert(client, admin):
    proposal = make_document(make_customer(), kind="proposal", status="declined")
    url = f"/admin/proposals/{proposal.id}/convert"
    response = client.post_form(url, {"to": "invoice"}, token_from="/admin/", follow_redirects=True)
    assert "A declined proposal cannot be converted." in response.get_data(as_text=True)
    assert db.session.scalars(select(Document.kind)).all() == ["proposal"]


def test_the_list_filters_by_read_status(client, admin):
    customer = make_customer()
    opened = make_document(customer, kind="proposal", status="open")
    sent = make_document(customer, kind="proposal", status="sent")
    late = make_document(customer, kind="proposal", status="revised")
    late.due_date = date(2026, 11, 20)  # issued 2 November, valid for 18 days
    db.session.commit()
    page = client.get("/admin/proposals?status=open").get_data(as_text=True)
    assert opened.number in page and sent.number not in page
    page = client.get("/admin/proposals?status=revised").get_data(as_text=True)
    assert late.number not in page and opened.number not in page
    page = client.get("/admin/proposals?status=expired").get_data(as_text=True)
    assert late.number in page and opened.number not in page and sent.number not in page


def test_a_draft_is_not_answered_and_stays_a_draft_when_converted(client, admin):
    draft = make_document(make_customer(), kind="proposal", status="draft")
    url = f"/admin/proposals/{draft.id}"
    assert "The customer's answer" not in client.get(url).get_data(as_text=True)
    client.post_form(f"{url}/answer", {"answer": "accept"}, token_from="/admin/")
    db.session.expire_all()
    assert db.session.get(Document, draft.id).status == "draft"
    assert (
        client.post_form(f"{url}/convert", {"to": "invoice"}, token_from="/admin/").status_code
        == 303
    )
    db.session.expire_all()
    converted = db.session.get(Document, draft.id)
    assert converted.status == "draft" and converted.converted_to_id is not None


def test_accepted_proposals_are_final_declined_ones_can_be_revised(client, admin, inbox):
    eur = make_currency("EUR")
    customer = make_customer()
    contact = make_contact(customer)
    accepted = make_document(customer, kind="proposal", status="accepted")
    url = f"/admin/proposals/{accepted.id}/edit"
    response = client.post_form(
        url, document_form(customer, eur, **{"items-0-rate": "1"}), token_from=url
    )
    assert (
        response.status_code == 422
        and "An accepted proposal cannot be changed" in response.get_data(as_text=True)
    )
    assert "/edit" not in client.get(f"/admin/proposals/{accepted.id}").get_data(as_text=True)
    declined = make_document(customer, kind="proposal", status="declined")
    send = client.post_form(f"/admin/proposals/{declined.id}/send", {"contacts": [str(contact.id)]},
                            token_from="/admin/", follow_redirects=True)  # fmt: skip
    assert "can no longer be sent" in send.get_data(as_text=True) and not inbox.messages
    url = f"/admin/proposals/{declined.id}/edit"
    assert client.post_form(url, document_form(customer, eur), token_from=url).status_code == 303
    db.session.expire_all()
    assert db.session.get(Document, declined.id).status == "revised"  # it can be answered again
    db.session.expire_all()
    assert db.session.get(Document, accepted.id).total == Decimal("900.00")


def test_proposals_go_only_to_contacts_who_may_open_them(client, admin, inbox):
    customer = make_customer()
    barred = make_contact(customer, perm_proposals=False)
    proposal = make_document(customer, kind="proposal")
    page = client.get(f"/admin/proposals/{proposal.id}").get_data(as_text=True)
    assert "No contact of this customer may open it in the portal" in page
    url = f"/admin/proposals/{proposal.id}/send"
    response = client.post_form(
        url, {"contacts": [str(barred.id)]}, token_from="/admin/", follow_redirects=True
    )
    assert "who may open it in the portal" in response.get_data(as_text=True) and not inbox.messages
    db.session.expire_all()
    assert db.session.get(Document, proposal.id).status == "draft"
    allowed = make_contact(customer, is_primary=False)
    page = client.get(f"/admin/proposals/{proposal.id}").get_data(as_text=True)
    assert allowed.email in page and barred.email not in page
    both = {"contacts": [str(barred.id), str(allowed.id)]}
    assert client.post_form(url, both, token_from="/admin/").status_code == 303
    assert inbox.only()["To"] == allowed.email


def test_downloading_the_pdf_counts_as_reading_it(client, ctx, login_as):
    contact = make_contact(make_customer())
    proposal = make_document(contact.customer, kind="proposal", status="sent")
    login_as(contact)
    assert client.get(f"/clients/proposals/{proposal.id}/pdf").status_code == 200
    db.session.expire_all()
    assert db.session.get(Document, proposal.id).status == "open"


def test_a_double_click_on_convert_makes_one_invoice(app, ctx):
    import threading

    from app.services import ValidationError
    from app.services.sales.actions import convert_to_invoice

    proposal_id = make_document(make_customer(), kind="proposal", status="accepted").id
    barrier, outcomes = threading.Barrier(4), []

    def worker():
        with app.app_context():
            try:
                proposal = db.session.get(Document, proposal_id)
                barrier.wait()
                convert_to_invoice(proposal, None, "invoice")
                db.session.commit()
                outcomes.append("converted")
            except ValidationError:
                outcomes.append("refused")
            except Exception as exc:  # noqa: BLE001 - reported below
                outcomes.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["converted", "refused", "refused", "refused"]
    invoices = db.session.scalars(select(Document).where(Document.kind == "invoice")).all()
    assert len(invoices) == 1 and invoices[0].number is None  # a draft, numbered when issued
    assert db.session.get(Document, proposal_id).converted_to_id == invoices[0].id


def test_a_refused_form_gives_back_the_text_sanitised(client, admin):
    eur = make_currency("EUR")
    url = "/admin/proposals/new"
    data = document_form(make_customer(), eur, body='<p>Hi<img src=x onerror="alert(1)"></p>')
    data["items-0-description"] = ""  # refused: the form comes back with the text
    response = client.post_form(url, data, token_from=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "&lt;p&gt;Hi" in page and "onerror" not in page


def test_the_customers_activity_tells_the_proposals_story(client, ctx, login_as):
    from app.models import ActivityLog

    staff = make_admin()
    contact = make_contact(make_customer(), first_name="Inès")
    proposal = make_document(contact.customer, kind="proposal")
    login_as(staff)
    url = f"/admin/proposals/{proposal.id}"
    client.post_form(f"{url}/send", {"contacts": [str(contact.id)]}, token_from="/admin/")
    login_as(contact)
    portal = f"/clients/proposals/{proposal.id}"
    client.post_form(f"{portal}/answer", {"answer": "accept"}, token_from=portal)
    login_as(staff)
    client.post_form(f"{url}/convert", {"to": "invoice"}, token_from="/admin/")
    entries = db.session.scalars(select(ActivityLog).order_by(ActivityLog.id)).all()
    assert [(e.action, e.user_id, e.contact_id) for e in entries] == [
        ("document.sent", staff.id, None),
        ("document.accepted", None, contact.id),
        ("document.converted", staff.id, None),
    ]
    page = client.get(f"/admin/customers/{contact.customer_id}/activity").get_data(as_text=True)
    assert "Inès Contact" in page and "accepted an estimate or proposal" in page
    assert "PRO-000001" in page
