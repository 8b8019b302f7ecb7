"""The credit notes made from one invoice may together not exceed its total: 'Create credit
note' is offered only while something is left to credit, issuing more is refused (flashed), and
two full credit notes of one invoice issued at the same moment issue one."""

import html
import re
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import Document
from app.services.sales.copies import new_copy
from app.services.sales.credit import credit_from_invoice
from tests.factories import make_admin, make_customer, make_document
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

MORE_THAN_LEFT = "more than what is left to credit on invoice"


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _draft_from(client, invoice) -> int:
    made = client.post_form(f"/admin/invoices/{invoice.id}/credit", token_from="/admin/")
    assert made.status_code == 303
    return int(re.search(r"/credit-notes/(\d+)/edit", made.headers["Location"]).group(1))


def _second_draft(invoice) -> Document:
    """Another full draft credit note of the same invoice (made before the first was issued)."""
    second = new_copy(invoice, None, "credit", date.today(), None)
    second.credited_invoice_id = invoice.id
    db.session.commit()
    return second


def test_an_invoice_credited_in_full_cannot_be_credited_again(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(status="unpaid")  # 900.00
    page = _text(client.get(f"/admin/invoices/{invoice.id}"))
    assert "Create credit note" in page
    credit_id = _draft_from(client, invoice)
    issued = client.post_form(f"/admin/credit-notes/{credit_id}/issue", token_from="/admin/")
    assert issued.status_code == 303
    page = _text(client.get(f"/admin/invoices/{invoice.id}"))
    assert "Create credit note" not in page
    again = client.post_form(f"/admin/invoices/{invoice.id}/credit", token_from="/admin/")
    assert "already credited in full" in _text(client.get(again.headers["Location"]))
    assert db.session.scalar(select(db.func.count()).where(Document.kind == "credit")) == 1


def test_issuing_more_than_is_left_to_credit_is_refused(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(status="unpaid")
    first_id = _draft_from(client, invoice)
    second = _second_draft(invoice)
    assert client.post_form(f"/admin/credit-notes/{first_id}/issue",
                            token_from="/admin/").status_code == 303  # fmt: skip
    refused = client.post_form(f"/admin/credit-notes/{second.id}/issue", token_from="/admin/")
    page = _text(client.get(refused.headers["Location"]))
    assert MORE_THAN_LEFT in page and f"{invoice.number} (€0.00)" in page
    db.session.expire_all()
    assert db.session.get(Document, second.id).status == "draft"
    assert db.session.get(Document, second.id).number is None


def test_two_full_credit_notes_issued_at_once_issue_one(app, ctx):
    invoice = make_document(status="unpaid")
    first = credit_from_invoice(invoice, None)
    db.session.commit()
    second = _second_draft(invoice)
    urls = [f"/admin/credit-notes/{first.id}/issue", f"/admin/credit-notes/{second.id}/issue"]
    results = _at_once(_browsers(app, 2), [(url, {}) for url in urls])
    refused = [page for _url, _code, page in results if MORE_THAN_LEFT in page]
    assert len(refused) == 1
    db.session.expire_all()
    statuses = sorted(db.session.get(Document, d.id).status for d in (first, second))
    assert statuses == ["draft", "open"]


def test_the_apply_form_prefills_the_invoice_the_credit_note_was_made_from(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    older = make_document(customer, status="unpaid")  # 900.00, issued first
    invoice = make_document(customer, status="unpaid")
    credit_id = _draft_from(client, invoice)
    client.post_form(f"/admin/credit-notes/{credit_id}/issue", token_from="/admin/")
    page = _text(client.get(f"/admin/credit-notes/{credit_id}"))
    assert page.index(f"Amount for {invoice.number}") < page.index(f"Amount for {older.number}")
    assert re.search(rf'name="amount_{invoice.id}"[^>]*value="900"', page)
    assert not re.search(rf'name="amount_{older.id}"[^>]*value="[0-9]', page)
