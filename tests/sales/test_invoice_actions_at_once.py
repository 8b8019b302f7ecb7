"""Actions on one invoice sent at the same moment happen one after the other: six payments of
the full amount record one, a payment and a cancel never both go through, two cancels cancel
once, and a draft saved while it is issued never gives the issued invoice the later lines."""

import html
import re
import threading
from decimal import Decimal

from sqlalchemy import select

from app.extensions import db
from app.models import CustomerBalance, Document, Payment
from app.models.balance import UNITS
from tests.factories import document_form, make_admin, make_customer, make_document, make_sign_in

MORE_THAN_DUE = "more than the amount due"
NOT_EXPECTED = "does not expect a payment"


def _browsers(app, count: int) -> list[tuple]:
    """`count` signed-in staff browsers, each with its own session and form token."""
    browsers = []
    for _ in range(count):
        admin = make_admin()
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"], session["_fresh"] = make_sign_in(admin), True
        browsers.append((browser, browser.csrf_token("/admin/")))
    return browsers


def _at_once(browsers, posts: list[tuple[str, dict]]) -> list[tuple[str, int, str]]:
    """Each browser sends its (url, form) at the same moment; (url, status, page) of each,
    the page followed when redirected (its flashed message)."""
    barrier, results = threading.Barrier(len(posts)), []

    def worker(browser, token, url, data):
        barrier.wait(10)
        response = browser.post(url, data={"csrf_token": token, **data})
        text = response.get_data(as_text=True)
        if response.status_code == 303:
            text = browser.get(response.headers["Location"]).get_data(as_text=True)
        results.append((url, response.status_code, html.unescape(text)))

    threads = [
        threading.Thread(target=worker, args=(*browser, url, data))
        for browser, (url, data) in zip(browsers, posts, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _fresh(invoice_id: int) -> Document:
    db.session.expire_all()
    return db.session.get(Document, invoice_id)


def test_six_payments_of_the_full_amount_at_once_record_one(app, ctx):
    invoice = make_document(status="unpaid")  # 900.00 due
    url = f"/admin/invoices/{invoice.id}/payments"
    payment = {"amount": "900", "paid_on": "2026-11-27", "mode": "card"}
    results = _at_once(_browsers(app, 6), [(url, payment)] * 6)
    codes = sorted(code for _url, code, _page in results)
    assert codes == [303] + [422] * 5, codes
    for _url, code, page in results:
        if code == 422:
            assert MORE_THAN_DUE in page or NOT_EXPECTED in page
    invoice = _fresh(invoice.id)
    payments = db.session.scalars(select(Payment).where(Payment.document_id == invoice.id)).all()
    assert len(payments) == 1
    assert invoice.amount_paid == sum(p.amount for p in payments) == invoice.total
    assert invoice.status == "paid"


def test_part_payments_at_once_never_pay_more_than_the_total(app, ctx):
    invoice = make_document(status="unpaid")  # 900.00 due: two of 400 fit, not three
    url = f"/admin/invoices/{invoice.id}/payments"
    payment = {"amount": "400", "paid_on": "2026-11-27", "mode": "cash"}
    results = _at_once(_browsers(app, 4), [(url, payment)] * 4)
    assert sorted(code for _u, code, _p in results) == [303, 303, 422, 422]
    invoice = _fresh(invoice.id)
    paid = db.session.scalars(select(Payment.amount).where(Payment.document_id == invoice.id))
    assert invoice.amount_paid == sum(paid) == Decimal("800.00") <= invoice.total
    assert invoice.status == "partial"


def test_a_cancel_and_a_payment_at_once_never_both_go_through(app, ctx):
    for _round in range(3):
        invoice = make_document(status="unpaid")
        posts = [
            (f"/admin/invoices/{invoice.id}/payments",
             {"amount": "100", "paid_on": "2026-11-27", "mode": "card"}),
            (f"/admin/invoices/{invoice.id}/cancel", {}),
        ]  # fmt: skip
        _at_once(_browsers(app, 2), posts)
        invoice = _fresh(invoice.id)
        if invoice.status == "cancelled":  # its credit note, applied in full, is all it got
            assert invoice.payments == [] and invoice.amount_paid == invoice.total
        else:
            assert invoice.status == "partial" and invoice.amount_paid == Decimal("100.00")
            assert len(invoice.payments) == 1


def test_two_cancels_at_once_cancel_once(app, ctx):
    invoice = make_document(status="unpaid")
    url = f"/admin/invoices/{invoice.id}/cancel"
    results = _at_once(_browsers(app, 2), [(url, {})] * 2)
    pages = sorted(page for _u, _c, page in results)
    assert sum("Invoice cancelled" in page for page in pages) == 1
    assert sum("This invoice is already cancelled." in page for page in pages) == 1
    assert _fresh(invoice.id).status == "cancelled"


def test_a_draft_saved_while_it_is_issued_is_saved_before_or_refused(app, ctx):
    for _round in range(3):
        draft = make_document(status="draft")  # one line: 2 × 450
        edit = document_form(draft.customer, _currency(), **{"items-0-rate": "500"})
        posts = [
            (f"/admin/invoices/{draft.id}/edit", edit),
            (f"/admin/invoices/{draft.id}/issue", {}),
        ]
        answers = _at_once(_browsers(app, 2), posts)
        results = {url: (code, page) for url, code, page in answers}
        # Saved ("Draft invoice saved…", or "<number> saved." when the issue committed between
        # the save's commit and its message), or refused: beside the form ("Nothing was saved.")
        # or, issued before the save began, flashed on the invoice's page.
        page = results[posts[0][0]][1]
        saved = re.search(r"Draft invoice saved|\S+(?<!was) saved\.", page) is not None
        invoice = _fresh(draft.id)
        assert invoice.status == "unpaid" and invoice.number
        # Saved first and then issued with the new lines, or refused because already issued.
        assert invoice.total == (Decimal("1000.00") if saved else Decimal("900.00"))
        if not saved:
            assert "An issued invoice cannot be changed" in results[posts[0][0]][1]


def _currency():
    from app.models import Currency

    return db.session.scalar(select(Currency).where(Currency.code == "EUR"))


def test_payments_on_several_invoices_of_one_customer_at_once_keep_its_balance(app, ctx):
    from app.services.integrity import run_checks

    customer = make_customer(company="Busy Ltd")
    invoices = [make_document(customer, status="unpaid") for _ in range(4)]  # 900.00 due each
    posts = [
        (
            f"/admin/invoices/{invoice.id}/payments",
            {"amount": "250", "paid_on": "2026-11-27", "mode": "card"},
        )
        for invoice in invoices
    ]
    results = _at_once(_browsers(app, 4), posts)  # fmt: skip
    assert sorted(code for _url, code, _page in results) == [303] * 4
    db.session.expire_all()
    balance = db.session.get(CustomerBalance, (customer.id, "EUR"))
    assert (balance.open_invoices, balance.balance) == (4, (3600 - 1000) * UNITS)
    [outcome] = run_checks(["balances"])
    assert outcome.problems == []
