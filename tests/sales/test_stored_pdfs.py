"""An issued document's PDF is rendered once and served again while it would come out the same:
a payment, an edited company setting, a new logo or another language gives a new PDF at once;
a draft's download keeps it too (even with no worker to store it ahead); the portal and the
dashboard share what is kept."""

import io
from datetime import date

from sqlalchemy import func, select, update

from app.extensions import db
from app.models import Document, StoredPdf
from app.services.sales.pdf import document_pdf
from app.services.settings import save_settings
from tests.factories import make_admin, make_contact, make_customer, make_document
from tests.sales.statement_factories import pay
from tests.sales.test_pdf import pdf_text
from tests.sales.test_pdf_reuse import RED, png, post_company

MARKER = b"%PDF-1.7 kept"


def kept(document) -> list[StoredPdf]:
    db.session.expire_all()
    return db.session.scalars(select(StoredPdf).where(StoredPdf.document_id == document.id)).all()


def mark_kept(document) -> None:
    """Overwrite what is stored, so that a download that returns it shows it came from storage."""
    db.session.execute(update(StoredPdf).where(StoredPdf.document_id == document.id)
                       .values(content=MARKER))  # fmt: skip
    db.session.commit()


def test_an_issued_invoice_is_rendered_once_then_served_from_storage(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(status="unpaid")
    url = f"/admin/invoices/{invoice.id}/pdf"
    first = client.get(url)
    assert first.status_code == 200 and "INV-" in pdf_text(first.data)
    [row] = kept(invoice)
    assert row.content == first.data and row.language == "en"
    mark_kept(invoice)
    assert client.get(url).data == MARKER  # the same page: not rendered again


def test_a_payment_gives_a_new_pdf_at_once(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(status="unpaid")
    url = f"/admin/invoices/{invoice.id}/pdf"
    before = pdf_text(client.get(url).data)
    mark_kept(invoice)
    pay(invoice, invoice.total, date(2026, 11, 30))
    invoice.status = "paid"
    db.session.commit()
    after = client.get(url).data
    assert after != MARKER and pdf_text(after) != before and "PAID" in pdf_text(after)
    assert kept(invoice)[0].content == after  # replaced, one row per document and language


def test_company_settings_and_logo_give_a_new_pdf(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(status="unpaid")
    url = f"/admin/invoices/{invoice.id}/pdf"
    client.get(url)
    mark_kept(invoice)
    post_company(client, company_name="Atelier Nouveau")
    renamed = client.get(url).data
    assert renamed != MARKER and "Atelier Nouveau" in pdf_text(renamed)
    mark_kept(invoice)
    post_company(client, company_name="Atelier Nouveau", logo=(io.BytesIO(png(RED)), "red.png"))
    assert client.get(url).data != MARKER
    post_company(client, company_name="Atelier Nouveau", remove_logo="y")


def test_a_drafts_download_keeps_it_for_the_next(client, ctx, login_as):
    login_as(make_admin())
    draft = make_document(status="draft")
    url = f"/admin/invoices/{draft.id}/pdf"
    first = client.get(url)
    assert first.status_code == 200 and "Design work" in pdf_text(first.data)
    [row] = kept(draft)
    assert row.content == first.data
    mark_kept(draft)
    assert client.get(url).data == MARKER


def test_each_language_is_kept_apart_and_the_portal_shares_it(client, ctx, login_as):
    save_settings({"pdf_in_client_language": False})
    customer = make_customer(company="Acme", language="fr")
    invoice = make_document(customer, status="unpaid", language="fr")
    login_as(make_admin())
    staff = client.get(f"/admin/invoices/{invoice.id}/pdf").data
    login_as(make_contact(customer))
    portal = client.get(f"/clients/invoices/{invoice.id}/pdf").data
    assert "Invoice" in pdf_text(staff) and "Facture" in pdf_text(portal)
    assert sorted(row.language for row in kept(invoice)) == ["en", "fr"]
    mark_kept(invoice)
    assert client.get(f"/clients/invoices/{invoice.id}/pdf").data == MARKER


def test_a_pdf_asked_for_without_keeping_reuses_a_kept_one_but_keeps_none(ctx):
    invoice = make_document(status="unpaid")
    db.session.commit()
    rendered = document_pdf(invoice, from_portal=True)  # as a payment reminder attaches it
    assert rendered.startswith(b"%PDF") and kept(invoice) == []
    document_pdf(invoice, from_portal=True, keep=True)
    mark_kept(invoice)
    assert document_pdf(db.session.get(Document, invoice.id), from_portal=True) == MARKER
    assert db.session.scalar(select(func.count()).select_from(StoredPdf)) == 1
