"""Credit notes made from an invoice stay within it: a draft saved above what is left to credit
is refused beside its lines (nothing saved), and cancelling an invoice partly credited already
makes a credit note for the rest only (its taxes in proportion), or none when nothing is left."""

import html
import re
from decimal import Decimal

from sqlalchemy import select

from app.extensions import db
from app.models import CreditApplication, Currency, Document, TaxRate
from app.services.sales.service import ItemInput, document_totals
from tests.factories import document_form, make_admin, make_document

MORE_THAN_LEFT = "This credit note is more than what is left to credit on invoice"


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _fresh(document_id: int) -> Document:
    db.session.expire_all()
    return db.session.get(Document, document_id)


def _credit_notes() -> list[Document]:
    db.session.expire_all()
    return list(db.session.scalars(select(Document).where(Document.kind == "credit")))


def _draft_from(client, invoice) -> int:
    made = client.post_form(f"/admin/invoices/{invoice.id}/credit", token_from="/admin/")
    assert made.status_code == 303
    return int(re.search(r"/credit-notes/(\d+)/edit", made.headers["Location"]).group(1))


def _save(client, credit_id: int, invoice, rate: str, **fields):
    currency = db.session.scalar(select(Currency).where(Currency.code == "EUR"))
    form = document_form(invoice.customer, currency, **{"items-0-rate": rate, **fields})
    del form["due_date"]
    return client.post_form(f"/admin/credit-notes/{credit_id}/edit", form, token_from="/admin/")


def _issue_credit(client, invoice, rate: str, **fields) -> Document:
    """A credit note made from `invoice`: its one line 2 × `rate`, issued."""
    credit_id = _draft_from(client, invoice)
    assert _save(client, credit_id, invoice, rate, **fields).status_code == 303
    issued = client.post_form(f"/admin/credit-notes/{credit_id}/issue", token_from="/admin/")
    assert issued.status_code == 303
    return _fresh(credit_id)


def test_a_draft_above_what_is_left_to_credit_is_refused_on_save(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(status="unpaid")  # 2 × 450 = €900.00
    _issue_credit(client, invoice, "150")  # €300.00 credited
    second = _draft_from(client, invoice)
    refused = _save(client, second, invoice, "400")  # €800.00 > €600.00 left
    assert refused.status_code == 422
    page = _text(refused)
    assert f"{MORE_THAN_LEFT} {invoice.number} (€600.00)." in page
    assert f'<p class="error">{MORE_THAN_LEFT}' in page  # with the lines' errors
    kept = _fresh(second)
    assert kept.total == Decimal("900.00") and kept.items[0].rate == Decimal(450)  # unchanged
    assert _save(client, second, invoice, "300").status_code == 303  # exactly what is left
    assert _fresh(second).total == Decimal("600.00")


def test_cancelling_a_partly_credited_invoice_credits_the_rest_only(client, ctx, login_as):
    login_as(make_admin())
    vat = TaxRate(name="VAT", percent=Decimal(20))
    db.session.add(vat)
    db.session.commit()
    lines = [ItemInput("Design", Decimal(2), Decimal(450), tax_ids=[vat.id]),
             ItemInput("Hosting", Decimal(1), Decimal("100.01"))]  # fmt: skip
    invoice = make_document(status="unpaid", lines=lines)  # 900 + 180 VAT + 100.01 = 1,180.01
    assert invoice.total == Decimal("1180.01")
    first = _issue_credit(client, invoice, "100", **{"items-0-taxes": str(vat.id)})  # 200 + 40
    assert first.total == Decimal("240.00")
    response = client.post_form(f"/admin/invoices/{invoice.id}/cancel", token_from="/admin/")
    page = _text(client.get(response.headers["Location"]))
    rest = next(c for c in _credit_notes() if c.id != first.id)
    assert f"Invoice cancelled: credit note {rest.number} was issued and applied to it." in page
    assert rest.total == Decimal("940.01")  # 1,180.01 − 240.00, to the cent
    assert rest.status == "closed" and rest.credited_invoice_id == invoice.id
    totals = document_totals(rest)
    assert [(name, amount) for name, _p, amount in totals.tax_lines] == [
        ("VAT", Decimal("143.39"))  # 180 × 940.01 / 1,180.01, the VAT credited in proportion
    ]
    assert {i.description for i in rest.items} == {f"Not yet credited on invoice {invoice.number}"}
    invoice = _fresh(invoice.id)
    assert invoice.status == "cancelled" and invoice.amount_paid == Decimal("940.01")
    application = db.session.scalar(select(CreditApplication))
    assert (application.credit_note_id, application.amount) == (rest.id, Decimal("940.01"))
    assert _fresh(first.id).status == "open"  # its credit is still the customer's


def test_cancelling_an_invoice_credited_in_full_makes_no_credit_note(client, ctx, login_as):
    login_as(make_admin())
    invoice = make_document(status="unpaid")
    _issue_credit(client, invoice, "450")  # the whole €900.00
    response = client.post_form(f"/admin/invoices/{invoice.id}/cancel", token_from="/admin/")
    assert "Invoice cancelled." in _text(client.get(response.headers["Location"]))
    assert len(_credit_notes()) == 1
    assert _fresh(invoice.id).status == "cancelled"


def test_the_cancel_of_a_paid_invoice_is_still_refused(client, ctx, login_as):
    from datetime import date

    from app.services.sales.actions import record_payment

    login_as(make_admin())
    invoice = make_document(status="unpaid")
    _issue_credit(client, invoice, "100")
    record_payment(_fresh(invoice.id), Decimal(50), date.today(), "cash", None, None)
    db.session.commit()
    response = client.post_form(f"/admin/invoices/{invoice.id}/cancel", token_from="/admin/")
    page = _text(client.get(response.headers["Location"]))
    assert "Only an invoice without payments can be cancelled" in page
    assert _fresh(invoice.id).status == "partial" and len(_credit_notes()) == 1
