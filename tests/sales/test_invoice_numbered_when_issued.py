"""An invoice takes its number when it is issued (Mark as sent, or Send): drafts say "Draft" in
every language, issued invoices are numbered in date order without gaps, even when staff issue
several at the same moment."""

import re
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Document, User
from app.services.sales.actions import cancel_invoice, issue
from app.services.sales.pdf import document_pdf
from app.services.settings import save_settings
from tests.factories import (
    make_admin,
    make_contact,
    make_customer,
    make_document,
    make_indexed_customer,
    make_sign_in,
)
from tests.sales.test_pdf import pdf_text

DRAFT = {"en": "Draft", "fr": "Brouillon", "de": "Entwurf", "es": "Borrador"}
INVOICE = {"en": "Invoice", "fr": "Facture", "de": "Rechnung", "es": "Factura"}


@pytest.mark.parametrize("language", DRAFT)
def test_a_draft_has_no_number_and_says_draft(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    save_settings({"default_language": language})
    db.session.commit()
    draft = make_document(make_customer(company="Atelier"), language=language)
    assert draft.number is None and draft.sequence is None
    listing = client.get("/admin/invoices").get_data(as_text=True)
    assert f'href="/admin/invoices/{draft.id}">{DRAFT[language]}</a>' in listing
    page = client.get(f"/admin/invoices/{draft.id}").get_data(as_text=True)
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert re.match(rf"\s*{INVOICE[language]}\s+<span[^>]*>{DRAFT[language]}</span>", heading)
    assert "None" not in page
    pdf = client.get(f"/admin/invoices/{draft.id}/pdf")
    assert f"{INVOICE[language]} {DRAFT[language]}" in pdf_text(pdf.data)
    assert f'filename="{DRAFT[language]}-{draft.id}.pdf"' in pdf.headers["Content-Disposition"]


def test_mark_as_sent_gives_the_next_number_and_the_day_of_issue(client, ctx, login_as):
    login_as(make_admin())
    first = make_document(due_date=date(2026, 12, 2))  # dated 2 Nov 2026, due 30 days later
    second = make_document()
    url = f"/admin/invoices/{second.id}/issue"
    response = client.post_form(url, token_from="/admin/", follow_redirects=True)
    assert "INV-000001 is issued, dated " in response.get_data(as_text=True)  # re-dated
    client.post_form(f"/admin/invoices/{first.id}/issue", token_from="/admin/")
    db.session.expire_all()
    second, first = db.session.get(Document, second.id), db.session.get(Document, first.id)
    assert (second.number, first.number) == ("INV-000001", "INV-000002")
    assert first.status == "unpaid" and first.issue_date == date.today()
    assert first.due_date == date.today() + timedelta(days=30)  # the same term
    assert "INV-000002" in pdf_text(document_pdf(first))


def test_issuing_twice_keeps_the_number(ctx):
    invoice = make_document()
    issue(invoice)
    issue(invoice)
    db.session.commit()
    assert invoice.number == "INV-000001"
    assert make_document(status="unpaid").number == "INV-000002"


def test_sending_a_draft_numbers_it_before_the_email_is_written(client, ctx, login_as, inbox):
    login_as(make_admin())
    customer = make_customer(language="fr")
    contact = make_contact(customer)
    draft = make_document(customer, language="fr")
    url = f"/admin/invoices/{draft.id}/send"
    client.post_form(url, {"contacts": [str(contact.id)]}, token_from="/admin/")
    message = inbox.only()
    assert "INV-000001" in message["Subject"]
    pdf = next(p for p in message.iter_attachments() if p.get_content_type() == "application/pdf")
    assert pdf.get_filename() == "INV-000001.pdf"


def test_the_portal_never_shows_a_draft(client, ctx, login_as):
    contact = make_contact(make_customer())
    draft = make_document(contact.customer)
    cancelled_draft = make_document(contact.customer)
    cancel_invoice(cancelled_draft)  # never issued: no number, never the customer's business
    db.session.commit()
    login_as(contact)
    listing = client.get("/clients/invoices").get_data(as_text=True)
    for hidden in (draft, cancelled_draft):
        assert f"/clients/invoices/{hidden.id}" not in listing
        assert client.get(f"/clients/invoices/{hidden.id}").status_code == 404
        assert client.get(f"/clients/invoices/{hidden.id}/pdf").status_code == 404


def test_search_and_totals_cope_with_drafts(client, ctx, login_as):
    login_as(make_admin())
    make_document(make_indexed_customer(company="Zeta"))
    issued = make_document(make_customer(company="Alpha"), status="unpaid")
    page = client.get("/admin/invoices?q=INV").get_data(as_text=True)
    assert issued.number in page and "Zeta" not in page
    page = client.get("/admin/invoices?q=zeta").get_data(as_text=True)
    assert "Zeta" in page and "Draft" in page


def _issue_in_parallel(app, ids: list[int], admin: User) -> list[int]:
    """Each id issued by its own browser (test client) at the same moment; the status codes."""
    clients = []
    for _ in ids:
        other = app.test_client()
        with other.session_transaction() as session:
            session["_user_id"], session["_fresh"] = make_sign_in(admin), True
        clients.append((other, other.csrf_token("/admin/")))
    barrier, codes = threading.Barrier(len(ids)), []

    def worker(browser, token, document_id):
        barrier.wait(10)
        response = browser.post(f"/admin/invoices/{document_id}/issue", data={"csrf_token": token})
        codes.append(response.status_code)

    threads = [
        threading.Thread(target=worker, args=(*browser, document_id))
        for browser, document_id in zip(clients, ids, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def test_six_invoices_issued_at_once_take_six_consecutive_numbers(app, client, ctx):
    admin = make_admin()
    make_document(status="unpaid")  # INV-000001 already given
    ids = [make_document().id for _ in range(6)]
    assert _issue_in_parallel(app, ids, admin) == [303] * 6
    db.session.expire_all()
    numbers = sorted(db.session.scalars(select(Document.number).where(Document.id.in_(ids))))
    assert numbers == [f"INV-{n:06d}" for n in range(2, 8)]


def test_one_draft_issued_by_four_clicks_at_once_takes_one_number(app, client, ctx):
    admin = make_admin()
    draft_id = make_document().id
    assert _issue_in_parallel(app, [draft_id] * 4, admin) == [303] * 4
    db.session.expire_all()
    assert db.session.get(Document, draft_id).number == "INV-000001"
    assert make_document(status="unpaid").number == "INV-000002"  # nothing skipped
