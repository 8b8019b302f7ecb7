"""An issued invoice is final: no Edit button, its edit address changes nothing and the
invoice's page says why (in the staff member's language); a draft stays editable, and
estimates keep their own rules."""

import html
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.models import Currency, Document
from app.services import ValidationError
from app.services.sales.actions import cancel_invoice, record_payment
from app.services.sales.service import save_document
from tests.factories import document_form, document_input, make_admin, make_document

FINAL = {
    "en": "An issued invoice cannot be changed: to correct it, create a credit note (or cancel "
    "it if nothing was paid), then copy it to make a new draft if needed.",
    "fr": "Une facture émise ne peut plus être modifiée\u00a0: pour la corriger, créez un avoir "
    "(ou annulez-la si rien n'a été payé), puis copiez-la pour créer un nouveau brouillon si "
    "nécessaire.",
    "de": "Eine ausgestellte Rechnung kann nicht mehr geändert werden: Um sie zu korrigieren, "
    "erstellen Sie eine Gutschrift (oder stornieren Sie sie, wenn nichts bezahlt wurde), und "
    "kopieren Sie sie dann bei Bedarf, um einen neuen Entwurf anzulegen.",
    "es": "Una factura emitida ya no se puede modificar: para corregirla, cree una nota de "
    "crédito (o anúlela si no se ha pagado nada) y, si es necesario, cópiela para crear un "
    "nuevo borrador.",
}
CANCELLED = "A cancelled invoice cannot be changed: copy it to make a new draft."


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _eur() -> Currency:
    return db.session.scalar(select(Currency).where(Currency.code == "EUR"))


def _issued(status: str) -> Document:
    invoice = make_document(status="unpaid")
    if status in ("partial", "paid"):
        amount = Decimal("100") if status == "partial" else invoice.total
        record_payment(invoice, amount, invoice.issue_date, "card", None, None)
    elif status == "cancelled":
        cancel_invoice(invoice)
    db.session.commit()
    assert invoice.status == status
    return invoice


@pytest.mark.parametrize("status", ["unpaid", "partial", "paid", "cancelled"])
def test_an_issued_invoice_has_no_edit_and_its_edit_address_changes_nothing(
    client, ctx, login_as, status
):
    login_as(make_admin())
    invoice = _issued(status)
    total, lines = invoice.total, [i.description for i in invoice.items]
    page = client.get(f"/admin/invoices/{invoice.id}")
    edit_url = f"/admin/invoices/{invoice.id}/edit"
    assert f'href="{edit_url}"' not in page.get_data(as_text=True)
    reason = CANCELLED if status == "cancelled" else FINAL["en"]
    assert reason in _text(page)

    shown = client.get(edit_url)  # a bookmark, or an old tab: the invoice's page, not the form
    assert shown.status_code == 200 and reason in _text(shown)
    assert 'name="items-0-description"' not in shown.get_data(as_text=True)

    form = document_form(invoice.customer, _eur(), **{"items-0-description": "Changed",
                                                       "items-0-rate": "1"})  # fmt: skip
    posted = client.post_form(edit_url, form, token_from="/admin/")
    assert posted.status_code in (303, 422)
    assert reason in _text(client.get(f"/admin/invoices/{invoice.id}"))
    db.session.expire_all()
    invoice = db.session.get(Document, invoice.id)
    assert invoice.total == total and [i.description for i in invoice.items] == lines
    assert invoice.status == status


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_the_reason_is_in_the_staff_members_language(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    invoice = _issued("unpaid")
    assert FINAL[language] in _text(client.get(f"/admin/invoices/{invoice.id}/edit"))
    form = document_form(invoice.customer, _eur())
    refused = client.post_form(f"/admin/invoices/{invoice.id}/edit", form, token_from="/admin/",
                               follow_redirects=True)  # fmt: skip
    assert _text(refused).count(FINAL[language]) == 2  # the refusal, and the page's sentence


def test_a_draft_invoice_stays_editable(client, ctx, login_as):
    login_as(make_admin())
    draft = make_document(status="draft")
    page = client.get(f"/admin/invoices/{draft.id}").get_data(as_text=True)
    assert f'href="/admin/invoices/{draft.id}/edit"' in page and FINAL["en"] not in page
    form = document_form(draft.customer, _eur(), **{"items-0-rate": "500"})
    saved = client.post_form(f"/admin/invoices/{draft.id}/edit", form, token_from="/admin/")
    assert saved.status_code == 303
    db.session.expire_all()
    assert db.session.get(Document, draft.id).total == Decimal("1000.00")


def test_a_sent_estimate_can_still_be_edited(client, ctx, login_as):
    login_as(make_admin())
    estimate = make_document(kind="estimate", status="sent")
    page = client.get(f"/admin/estimates/{estimate.id}").get_data(as_text=True)
    assert f'href="/admin/estimates/{estimate.id}/edit"' in page
    form = document_form(estimate.customer, _eur(), **{"items-0-rate": "500"})
    saved = client.post_form(f"/admin/estimates/{estimate.id}/edit", form, token_from="/admin/")
    assert saved.status_code == 303
    db.session.expire_all()
    assert db.session.get(Document, estimate.id).total == Decimal("1000.00")


def test_a_draft_issued_by_someone_else_meanwhile_is_not_saved(ctx):
    draft = make_document(status="draft")
    # Another request issues it after this one loaded the draft (and before it saves).
    with db.engine.begin() as other:
        other.execute(update(Document).where(Document.id == draft.id).values(status="unpaid"))
    with pytest.raises(ValidationError) as refused:
        save_document(draft, "invoice", document_input(draft), None)
    assert refused.value.message == FINAL["en"]
    db.session.rollback()
    db.session.expire_all()
    assert db.session.get(Document, draft.id).total == Decimal("900.00")
