"""A credit note applied (or refunded) by several requests at the same moment never gives more
than it holds: two applications of the full credit to two invoices apply one, the other is
refused beside its field; an application and a refund of the full credit at once, one of them."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.extensions import db
from app.models import CreditApplication, Payment
from tests.factories import make_customer
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
