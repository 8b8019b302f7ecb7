"""A credit note applied (or refunded) by several requests at the same moment never gives more
than it holds: two applications of the full credit to two invoices apply one, the other is
refused beside its field; an application and a refund of the full credit at once, one of them."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.extensions import db
from app.models import CreditApplication, Document, Payment
from app.services.sales.paid import refresh_paid
from tests.factories import make_customer, make_document
from tests.sales.test_credit_notes import _document, _fresh
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

NO_CREDIT = ("more than the credit left", "no credit left")


def test_two_applications_of_the_full_credit_at_once_apply_one(app, ctx):
    for _round in range(3):
        customer = make_customer()
        first = _document(customer, "invoice", "unpaid", "500")
        second = _document(customer, "invoice", "unpaid", "500")
        credit = _document(customer, "credit", "open", "500")
        url = f"/admin/credit-notes/{credit.id}/apply"
        posts = [(url, {f"amount_{first.id}": "500"}), (url, {f"amount_{second.id}": "500"})]
        results = _at_once(_browsers(app, 2), posts)
        assert sorted(code for _u, code, _p in results) == [303, 422]
        refused = next(page for _u, code, page in results if code == 422)
        assert any(reason in refused for reason in NO_CREDIT)
        credit = _fresh(credit.id)
        applied = db.session.scalar(
            select(func.sum(CreditApplication.amount))
            .where(CreditApplication.credit_note_id == credit.id)
        )  # fmt: skip
        assert applied == Decimal("500.00") == credit.amount_paid
        assert credit.status == "closed"
        statuses = sorted(_fresh(i.id).status for i in (first, second))
        assert statuses == ["paid", "unpaid"]


def test_an_application_and_a_refund_at_once_use_the_credit_once(app, ctx):
    for _round in range(3):
        customer = make_customer()
        invoice = _document(customer, "invoice", "unpaid", "500")
        credit = _document(customer, "credit", "open", "500")
        posts = [
            (f"/admin/credit-notes/{credit.id}/apply", {f"amount_{invoice.id}": "500"}),
            (f"/admin/credit-notes/{credit.id}/refunds",
             {"amount": "500", "paid_on": date.today().isoformat(), "mode": "cash"}),
        ]  # fmt: skip
        results = _at_once(_browsers(app, 2), posts)
        assert sorted(code for _u, code, _p in results) == [303, 422]
        credit = _fresh(credit.id)
        refunds = db.session.scalars(select(Payment).where(Payment.document_id == credit.id))
        applications = db.session.scalars(
            select(CreditApplication).where(CreditApplication.credit_note_id == credit.id)
        )
        assert len(list(refunds)) + len(list(applications)) == 1
        assert credit.amount_paid == Decimal("500.00") and credit.status == "closed"


def test_a_payment_and_an_application_at_once_never_overpay_the_invoice(app, ctx):
    for _round in range(3):
        customer = make_customer()
        invoice = _document(customer, "invoice", "unpaid", "500")
        credit = _document(customer, "credit", "open", "500")
        posts = [
            (f"/admin/credit-notes/{credit.id}/apply", {f"amount_{invoice.id}": "500"}),
            (f"/admin/invoices/{invoice.id}/payments",
             {"amount": "500", "paid_on": date.today().isoformat(), "mode": "cash"}),
        ]  # fmt: skip
        results = _at_once(_browsers(app, 2), posts)
        assert sorted(code for _u, code, _p in results) == [303, 422]
        invoice = _fresh(invoice.id)
        assert invoice.amount_paid == Decimal("500.00") and invoice.status == "paid"


def test_a_double_click_on_create_credit_note_makes_one_draft(app, ctx):
    invoice = make_document(status="unpaid")
    url = f"/admin/invoices/{invoice.id}/credit"
    results = _at_once(_browsers(app, 2), [(url, {})] * 2)
    assert [code for _u, code, _p in results] == [303, 303]
    db.session.expire_all()
    drafts = db.session.scalars(
        select(Document).where(
            Document.kind == "credit", Document.credited_invoice_id == invoice.id
        )
    ).all()
    assert len(drafts) == 1 and drafts[0].status == "draft"


def test_two_removals_of_one_application_at_once_remove_it_once(app, ctx):
    customer = make_customer()
    invoice = _document(customer, "invoice", "unpaid", "500")
    credit = _document(customer, "credit", "open", "500")
    db.session.add(CreditApplication(credit_note_id=credit.id, invoice_id=invoice.id,
                                     amount=Decimal(200), applied_on=date.today()))  # fmt: skip
    db.session.commit()
    refresh_paid(invoice)
    refresh_paid(credit)
    db.session.commit()
    application = db.session.scalar(select(CreditApplication))
    url = f"/admin/credit-notes/{credit.id}/applications/{application.id}/remove"
    results = _at_once(_browsers(app, 2), [(url, {})] * 2)
    pages = [page for _u, _c, page in results]
    assert sum("The credit applied was removed." in p for p in pages) == 1
    assert sum("This application was already removed." in p for p in pages) == 1
    assert (_fresh(invoice.id).amount_paid, _fresh(credit.id).amount_paid) == (0, 0)
