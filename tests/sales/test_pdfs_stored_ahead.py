"""An issued document's PDF is ready before anyone asks for it (issue 21): issuing it, or a
payment that changes it, has the job queue render and keep its PDF in the staff's language and
the portal's, so the first download is served from storage; a draft's only in the staff's (the
portal never shows it; tests/sales/test_draft_pdfs_stored_ahead.py), and the job run again writes
nothing. The setting PDF_STORE_AHEAD (off in the other tests) turns it off."""

from datetime import date

import pytest
from sqlalchemy import delete, event

from app.extensions import db
from app.jobs import enqueue
from app.models import StoredPdf
from app.services.settings import save_settings
from tests.factories import make_admin, make_contact, make_customer, make_document
from tests.sales.test_pdf import pdf_text
from tests.sales.test_stored_pdfs import MARKER, kept, mark_kept


@pytest.fixture(autouse=True)
def store_ahead(app, monkeypatch):
    """These tests are about the setting that is on in a real deployment."""
    monkeypatch.setitem(app.config, "PDF_STORE_AHEAD", True)


def issue(client, document) -> None:
    url = f"/admin/invoices/{document.id}/issue"
    assert client.post_form(url, token_from="/admin/").status_code in (200, 303)


def test_issuing_keeps_the_pdf_of_staff_and_portal_before_any_download(client, ctx, login_as):
    save_settings({"pdf_in_client_language": False})
    customer = make_customer(company="Acme", language="fr")
    draft = make_document(customer, language="fr")
    login_as(make_admin())
    issue(client, draft)
    rows = {row.language: row for row in kept(draft)}
    assert sorted(rows) == ["en", "fr"]
    assert "Invoice" in pdf_text(rows["en"].content) and "Facture" in pdf_text(rows["fr"].content)
    mark_kept(draft)  # what a download then returns shows where it came from
    assert client.get(f"/admin/invoices/{draft.id}/pdf").data == MARKER
    login_as(make_contact(customer))
    assert client.get(f"/clients/invoices/{draft.id}/pdf").data == MARKER


def test_a_payment_keeps_the_new_pdf(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document()
    issue(client, invoice)
    mark_kept(invoice)
    paid = client.post_form(f"/admin/invoices/{invoice.id}/payments",
                            {"amount": str(invoice.total), "paid_on": date.today().isoformat(),
                             "mode": "card"}, token_from="/admin/")  # fmt: skip
    assert paid.status_code in (200, 303)
    [row] = kept(invoice)
    assert row.content != MARKER and "PAID" in pdf_text(row.content)
    mark_kept(invoice)
    assert client.get(f"/admin/invoices/{invoice.id}/pdf").data == MARKER


def test_with_the_setting_off_the_first_download_keeps_it(client, ctx, login_as, monkeypatch, app):
    monkeypatch.setitem(app.config, "PDF_STORE_AHEAD", False)
    login_as(make_admin())
    invoice = make_document()
    issue(client, invoice)
    assert kept(invoice) == []
    assert client.get(f"/admin/invoices/{invoice.id}/pdf").status_code == 200
    [row] = kept(invoice)
    assert "Invoice" in pdf_text(row.content)


def test_a_draft_is_kept_in_the_staff_language_only(client, ctx, login_as):
    save_settings({"pdf_in_client_language": False})
    customer = make_customer(company="Acme", language="fr")
    draft = make_document(customer, language="fr")  # saved through the real service
    [row] = kept(draft)
    assert row.language == "en" and "Invoice" in pdf_text(row.content)
    login_as(make_admin())
    mark_kept(draft)
    assert client.get(f"/admin/invoices/{draft.id}/pdf").data == MARKER


def test_the_job_run_twice_writes_once(ctx):
    invoice = make_document(status="unpaid")
    db.session.execute(delete(StoredPdf))  # what saving it kept: the job starts from nothing
    db.session.commit()
    inserts = []

    def count(conn, cursor, statement, *_):
        if statement.lstrip().upper().startswith("INSERT INTO STORED_PDFS"):
            inserts.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        enqueue("store_document_pdfs", invoice.id)
        [first] = kept(invoice)
        enqueue("store_document_pdfs", invoice.id)
        [second] = kept(invoice)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(inserts) == 1
    assert (second.fingerprint, second.created_at) == (first.fingerprint, first.created_at)
