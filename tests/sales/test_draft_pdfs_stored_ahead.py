"""A draft's PDF is ready before anyone asks for it too (issue 21): saving it has the job queue
render and keep it (in the staff's language: drafts stay out of the portal), an edit replaces
it, saves in a row cost one render, a draft gone before its job leaves nothing behind, and
sending attaches the PDF it keeps, so the job after it renders nothing."""

import re
from decimal import Decimal

import pytest
from sqlalchemy import delete

from app.extensions import db
from app.jobs import in_job_context
from app.jobs.tasks import TASKS
from app.models import Currency, Document, StoredPdf
from app.services import stored_pdfs
from app.services.sales.service import ItemInput, save_document
from tests.factories import (
    document_form,
    document_input,
    make_admin,
    make_contact,
    make_currency,
    make_customer,
    make_document,
)
from tests.jobs.conftest import run_queued
from tests.sales.test_pdf import pdf_text
from tests.sales.test_stored_pdfs import MARKER, kept, mark_kept


@pytest.fixture(autouse=True)
def store_ahead(app, monkeypatch):
    """These tests are about the setting that is on in a real deployment."""
    monkeypatch.setitem(app.config, "PDF_STORE_AHEAD", True)


@pytest.fixture
def renders(monkeypatch) -> list[int]:
    """One entry per PDF WeasyPrint renders from here on."""
    made = []
    render = stored_pdfs.html_to_pdf

    def counted(*args):
        made.append(1)
        return render(*args)

    monkeypatch.setattr(stored_pdfs, "html_to_pdf", counted)
    return made


def post_draft(client, customer, url="/admin/invoices/new", **fields):
    currency = Currency.query.filter_by(code="EUR").first() or make_currency("EUR")
    form = document_form(customer, currency, **fields)
    response = client.post_form(url, form, token_from="/admin/")
    assert response.status_code == 303, response.get_data(as_text=True)
    return re.search(r"/invoices/(\d+)", response.headers["Location"]).group(1)


def test_saving_a_draft_keeps_its_pdf_and_an_edit_replaces_it(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    draft_id = post_draft(client, customer, **{"items-0-description": "Logo sketches"})
    draft = db.session.get(Document, int(draft_id))
    [row] = kept(draft)
    assert row.language == "en" and "Logo sketches" in pdf_text(row.content)
    mark_kept(draft)
    url = f"/admin/invoices/{draft_id}/pdf"
    assert client.get(url).data == MARKER  # the first download is a read
    post_draft(client, customer, url=f"/admin/invoices/{draft_id}/edit",
               **{"items-0-description": "Logo sketches", "items-1-description": "Brand colours",
                  "items-1-quantity": "1", "items-1-rate": "300"})  # fmt: skip
    [row] = kept(draft)
    assert row.content != MARKER and "Brand colours" in pdf_text(row.content)
    mark_kept(draft)
    assert client.get(url).data == MARKER


def test_saves_in_a_row_render_the_last_one_once(app, ctx, queue, renders):
    draft = make_document()
    for description in ("First go", "Second go"):
        data = document_input(draft, items=[ItemInput(description, Decimal(1), Decimal(10))])
        save_document(draft, "invoice", data, None)
        db.session.commit()
    assert run_queued(queue) == ["store_document_pdfs"] * 3  # one job per save
    [row] = kept(draft)
    assert len(renders) == 1 and "Second go" in pdf_text(row.content)


def test_a_draft_gone_before_its_job_leaves_no_pdf_and_no_failure(app, ctx, queue):
    draft = make_document()
    run_queued(queue)
    assert len(kept(draft)) == 1
    data = document_input(draft)
    save_document(draft, "invoice", data, None)
    db.session.commit()  # its job waits in the queue
    db.session.delete(draft)
    db.session.commit()
    assert kept(draft) == []  # what was kept went with it
    assert run_queued(queue) == ["store_document_pdfs"]
    in_job_context(app, TASKS["store_document_pdfs"])(draft.id)  # raises nothing
    assert kept(draft) == []


def sent_pdf(client, inbox, document, contact) -> bytes:
    """Send `document` to `contact` through the route; the PDF attached to the one email."""
    sent = client.post_form(f"/admin/invoices/{document.id}/send", {"contacts": [str(contact.id)]},
                            token_from="/admin/")  # fmt: skip
    assert sent.status_code == 303
    return next(p for p in inbox.only().iter_attachments()
                if p.get_content_type() == "application/pdf").get_content()  # fmt: skip


def test_sending_a_draft_attaches_the_pdf_it_keeps_rendered_once(
    client, ctx, login_as, inbox, renders
):
    login_as(make_admin())
    customer = make_customer()
    contact = make_contact(customer)
    draft = make_document(customer)
    [draft_pdf] = kept(draft)
    before = draft_pdf.fingerprint
    renders.clear()
    attached = sent_pdf(client, inbox, draft, contact)
    [row] = kept(draft)
    assert row.content == attached and row.fingerprint != before
    assert "INV-" in pdf_text(attached)
    assert len(renders) == 1  # the job that issuing asked for found it kept


def test_sending_again_attaches_the_kept_pdf_as_it_is(client, ctx, login_as, inbox, renders):
    login_as(make_admin())
    customer = make_customer()
    contact = make_contact(customer)
    invoice = make_document(customer, status="unpaid")
    mark_kept(invoice)
    renders.clear()
    attached = sent_pdf(client, inbox, invoice, contact)
    assert attached == MARKER and renders == []


def test_sending_again_with_nothing_kept_keeps_what_it_attaches(client, ctx, login_as, inbox):
    login_as(make_admin())
    customer = make_customer()
    contact = make_contact(customer)
    invoice = make_document(customer, status="unpaid")
    db.session.execute(delete(StoredPdf))  # as after a setting changed: nothing kept matches
    db.session.commit()
    attached = sent_pdf(client, inbox, invoice, contact)
    [row] = kept(invoice)
    assert row.content == attached
