"""Opening balances (what a customer owed when the firm moved in): set from the Statement tab,
shown on the statement and in the ageing, the customer balance and the dashboard, payable like
an invoice, never a sale (no number, not in the journal, the VAT summary, the groups report or
the invoice list); one per customer and currency even when posted twice at once; bad amounts
refused beside the field with nothing written; another customer's is a 404."""

import html
from datetime import date
from decimal import Decimal

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import ActivityLog, Customer, Document, NumberSequence, Payment
from app.services.integrity import run_checks
from app.services.reports import groups_report
from app.services.sales.actions import record_payment
from app.services.sales.opening import record_opening_balance
from app.services.statements.ageing import ageing_totals
from app.services.statements.journal import journal, vat_summary
from app.services.statements.service import customer_statement
from tests.factories import (
    make_admin,
    make_contact,
    make_currency,
    make_customer,
    make_document,
    make_opening,
    make_user,
)
from tests.sales.test_customer_balances import balance
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers
from tests.sales.test_pdf import pdf_text

NOV_30 = date(2026, 11, 30)


def openings_url(customer) -> str:
    return f"/admin/customers/{customer.id}/opening-balances"


def _openings() -> int:
    return db.session.scalar(
        select(func.count()).select_from(Document).where(Document.kind == "opening")
    )


def _form(**fields) -> dict:
    return {"currency": "EUR", "amount": "1,234.56", "as_of": "2026-11-30", "due_date": "",
            "reference": "Perfex INV-0042", **fields}  # fmt: skip


def test_staff_set_an_opening_balance_and_the_statement_starts_from_it(client, ctx, login_as):
    login_as(make_admin())
    make_currency("EUR")
    customer = make_customer(company="Boulangerie Martin")
    url = openings_url(customer)
    response = client.post_form(url, _form(), token_from=url)
    assert response.status_code == 303
    page = html.unescape(client.get(url).get_data(as_text=True))
    assert "Opening balance saved." in page and "Perfex INV-0042" in page and "1,234.56" in page
    opening = db.session.scalar(select(Document).where(Document.kind == "opening"))
    assert (opening.number, opening.status, opening.total) == (None, "unpaid", Decimal("1234.56"))
    assert opening.due_date == NOV_30  # no due date typed: due the day it was owed
    statement = customer_statement(customer.id, date(2026, 11, 1), date(2026, 12, 31))
    [eur] = statement.currencies
    [line] = eur.movements
    assert (line.kind, line.number, line.amount) == ("opening", "Perfex INV-0042",
                                                     Decimal("1234.56"))  # fmt: skip
    assert eur.closing == Decimal("1234.56") and eur.ageing.days_31_60 == Decimal("1234.56")
    # A statement starting after it carries it in its opening balance.
    later = customer_statement(customer.id, date(2026, 12, 1), date(2026, 12, 31))
    assert later.currencies[0].opening == Decimal("1234.56")
    page = html.unescape(client.get(f"/admin/customers/{customer.id}/statement",
                                    query_string={"from": "2026-11-01", "to": "2026-12-31"})
                         .get_data(as_text=True))  # fmt: skip
    assert "Opening balance" in page and "Perfex INV-0042" in page
    assert f"/admin/invoices/{opening.id}" not in page  # never linked as an invoice
    pdf = client.get(f"/admin/customers/{customer.id}/statement/pdf",
                     query_string={"from": "2026-11-01", "to": "2026-12-31"})  # fmt: skip
    text = pdf_text(pdf.data, layout=True)
    assert "Opening balance" in text and "Perfex INV-0042" in text and "1,234.56" in text
    logged = db.session.execute(select(ActivityLog.action, ActivityLog.subject).where(
        ActivityLog.customer_id == customer.id)).all()  # fmt: skip
    assert logged == [("opening.recorded", "EUR 1234.56")]


def test_it_counts_in_the_balance_ageing_and_dashboard_and_takes_payments(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    opening = make_opening(customer, "1000.00", due_date=NOV_30)
    assert balance(customer) == (1, Decimal("1000"), 0, 0, Decimal("1000"))
    [eur] = ageing_totals(date(2026, 12, 3))
    assert eur.days_1_30 == Decimal("1000.00") and eur.customers == 1
    dashboard = html.unescape(client.get("/admin/").get_data(as_text=True))
    assert "€1,000.00" in dashboard  # outstanding and overdue
    page = f"{openings_url(customer)}/{opening.id}"
    paid = {
        "payment-amount": "400",
        "payment-paid_on": "2026-12-01",
        "payment-mode": "bank_transfer",
    }
    response = client.post_form(f"{page}/payments", paid, token_from=page)
    assert response.status_code == 303
    db.session.expire_all()
    assert (opening.status, opening.amount_due) == ("partial", Decimal("600"))
    assert balance(customer) == (1, Decimal("600"), 0, 0, Decimal("600"))
    statement = customer_statement(customer.id, date(2026, 11, 1), date(2026, 12, 31))
    kinds = [(m.kind, m.amount, m.balance) for m in statement.currencies[0].movements]
    assert kinds == [("opening", Decimal("1000.00"), Decimal("1000.00")),
                     ("payment", Decimal("-400.00"), Decimal("600.00"))]  # fmt: skip
    # Too much is refused beside the amount; the rest pays it.
    too_much = {"payment-amount": "601", "payment-paid_on": "2026-12-02", "payment-mode": "cash"}
    response = client.post_form(f"{page}/payments", too_much, token_from=page)
    assert response.status_code == 422
    assert "more than the amount due" in html.unescape(response.get_data(as_text=True))
    record_payment(opening, Decimal("600"), date(2026, 12, 2), "cash", None, None)
    db.session.commit()
    assert opening.status == "paid" and balance(customer) == (0, 0, 0, 0, 0)
    checks = ["amounts", "balances", "group_sales", "numbering", "references", "statuses",
              "tallies", "totals"]  # fmt: skip
    assert {o.name: o.problems for o in run_checks(checks)} == {name: [] for name in checks}
    # Paid against: it can no longer change nor go.
    response = client.post_form(page, _form(amount="2000"), token_from=page)
    assert response.status_code == 422 and "no longer change" in response.get_data(as_text=True)
    response = client.post_form(f"{page}/delete", {}, token_from=page)
    assert response.status_code == 303 and _openings() == 1


def test_it_is_never_a_sale(ctx):
    customer = make_customer()
    make_currency("EUR")
    make_opening(customer, "500")
    invoice = make_document(customer, status="unpaid")  # dated 2 Nov 2026
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    rows = [row for batch in journal(start, end) for row in batch]
    assert [row.document_id for row in rows] == [invoice.id]
    assert sum(row.base + row.tax for row in vat_summary(start, end)) == invoice.total
    [eur] = groups_report(start, end)
    assert sum(group.invoices for group in eur.rows) == 1
    assert db.session.scalar(select(func.sum(NumberSequence.last))) == 1  # the invoice's only
    assert db.session.scalar(select(Document.number).where(Document.kind == "opening")) is None


def test_it_is_not_in_the_invoice_lists(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    make_opening(customer, "777.00", reference="OLD-777")
    for url in ("/admin/invoices", f"/admin/customers/{customer.id}/invoices"):
        page = client.get(url).get_data(as_text=True)
        assert "777" not in page, url


def test_the_same_values_again_change_nothing_and_new_ones_replace_them(ctx):
    customer = make_customer()
    first = make_opening(customer, "100.00", reference="A")
    again = make_opening(customer, "100.00", reference="A")
    assert again.id == first.id and _openings() == 1
    changed = make_opening(customer, "150.00", reference="B")
    assert changed.id == first.id and changed.total == Decimal("150") and changed.notes == "B"
    assert balance(customer) == (1, Decimal("150"), 0, 0, Decimal("150"))
    make_currency("USD")
    make_opening(customer, "20", code="USD")
    assert _openings() == 2


def test_two_posts_at_once_make_one(app, ctx):
    make_currency("EUR")
    customer = make_customer()
    browsers = _browsers(app, 4)
    url = openings_url(customer)
    results = _at_once(browsers, [(url, _form())] * 4)
    assert sorted(status for _url, status, _page in results) == [303] * 4
    db.session.expire_all()
    assert _openings() == 1
    assert balance(customer) == (1, Decimal("1234.56"), 0, 0, Decimal("1234.56"))


def test_bad_input_is_refused_beside_the_field_and_nothing_is_written(client, ctx, login_as):
    login_as(make_admin())
    make_currency("EUR")
    make_currency("JPY", decimals=0)
    make_currency("KWD", decimals=3)
    customer = make_customer()
    url = openings_url(customer)
    for fields, message in (
        ({"amount": "0"}, "Enter an amount above zero."),
        ({"amount": ""}, "Enter an amount above zero."),
        ({"amount": "-50"}, "issue a credit note"),
        ({"amount": "12.345"}, "Too many decimals for EUR (2 at most)."),
        ({"amount": "1500.5", "currency": "JPY"}, "Too many decimals for JPY (0 at most)."),
        ({"amount": "1.2345", "currency": "KWD"}, "Too many decimals for KWD (3 at most)."),
        ({"amount": "1.234,56"}, "Enter a number, such as 1,800.50."),  # French, typed in English
        ({"amount": "12abc"}, "Enter a number"),
        ({"amount": "99999999999999999999"}, "This amount is too large."),
        ({"currency": "XXX"}, "Choose a currency from the list."),
        ({"as_of": "1999-12-31"}, "Enter a date between 2000 and 2100."),
        ({"due_date": "2026-11-01"}, "The due date cannot be before the day it was owed."),
        ({"reference": "x" * 101}, "100 characters"),
    ):
        response = client.post_form(url, _form(**fields), token_from=url,
                                    headers={"HX-Request": "true"})  # fmt: skip
        text = html.unescape(response.get_data(as_text=True))
        assert response.status_code == 422, fields
        assert message in text, (fields, text[:3000])
    assert _openings() == 0 and balance(customer) == (0, 0, 0, 0, 0)
    # A KWD amount with three decimals is kept exactly.
    kwd = record_opening_balance(customer, "KWD", Decimal("1.235"), NOV_30, None)
    db.session.commit()
    assert kwd.total == Decimal("1.235")


def test_another_customers_opening_balance_is_a_404(client, ctx, login_as):
    login_as(make_admin())
    mine, theirs = make_customer(), make_customer()
    opening = make_opening(theirs)
    invoice = make_document(mine, status="unpaid")
    for url in (f"{openings_url(mine)}/{opening.id}",
                f"{openings_url(mine)}/{invoice.id}"):  # fmt: skip
        assert client.get(url).status_code == 404
        assert client.post_form(f"{url}/delete", {}, token_from=openings_url(mine)).status_code \
            == 404  # fmt: skip
    assert client.get(f"/admin/invoices/{opening.id}").status_code == 404
    assert _openings() == 1


def test_staff_edit_and_delete_it_while_nothing_is_paid(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    opening = make_opening(customer, "100")
    page = f"{openings_url(customer)}/{opening.id}"
    assert client.post_form(page, _form(amount="250", due_date="2026-12-31"),
                            token_from=page).status_code == 303  # fmt: skip
    db.session.expire_all()
    assert (opening.total, opening.due_date) == (Decimal("250"), date(2026, 12, 31))
    assert client.post_form(f"{page}/delete", {}, token_from=page).status_code == 303
    assert _openings() == 0 and balance(customer) == (0, 0, 0, 0, 0)
    assert db.session.scalar(select(func.count()).select_from(Payment)) == 0


def test_the_contacts_portal_statement_shows_it_as_an_opening_balance(client, ctx, login_as):
    customer = make_customer()
    opening = make_opening(customer, "321.00", reference="OLD-1")
    make_opening(make_customer(), "999.00", reference="THEIRS")
    login_as(make_contact(customer))
    page = client.get("/clients/statement", query_string={"from": "2026-11-01",
                                                          "to": "2026-12-31"})  # fmt: skip
    text = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 200
    assert "Opening balance" in text and "OLD-1" in text and "€321.00" in text
    assert "THEIRS" not in text and "999" not in text
    assert "/clients/invoices/" not in text
    assert client.get(f"/clients/invoices/{opening.id}").status_code == 404  # not an invoice


def test_the_migration_goes_down_and_up_again(app, ctx):
    customer = make_customer()
    make_opening(customer, "100")
    make_document(customer, status="unpaid")  # 900.00
    assert balance(customer) == (2, Decimal("1000"), 0, 0, Decimal("1000"))
    db.session.remove()
    downgrade(revision="0039_custom_field_search")
    try:
        with db.engine.connect() as conn:
            kinds = conn.execute(text("SELECT kind FROM sales_documents")).scalars().all()
        assert kinds == ["invoice"]  # the opening balance went, the invoice stayed
        assert balance(customer) == (1, Decimal("900"), 0, 0, Decimal("900"))
    finally:
        db.session.remove()
        upgrade()
    customer = db.session.get(Customer, customer.id)
    make_opening(customer, "50")
    assert balance(customer) == (2, Decimal("950"), 0, 0, Decimal("950"))
    [outcome] = run_checks(["balances"])
    assert outcome.problems == []


def test_four_payments_of_the_whole_amount_at_once_record_one(app, ctx):
    customer = make_customer()
    opening = make_opening(customer, "300")
    page = f"{openings_url(customer)}/{opening.id}"
    paid = {"payment-amount": "300", "payment-paid_on": "2026-12-01", "payment-mode": "cash"}
    results = _at_once(_browsers(app, 4), [(f"{page}/payments", paid)] * 4)
    assert sorted(status for _url, status, _page in results) == [303, 422, 422, 422]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Payment)) == 1
    assert opening.status == "paid" and balance(customer) == (0, 0, 0, 0, 0)


def test_a_french_amount_is_read_the_french_way_and_an_ambiguous_one_refused(client, ctx, login_as):
    login_as(make_user(is_admin=True, language="fr"))
    make_currency("EUR")
    customer = make_customer()
    url = openings_url(customer)
    response = client.post_form(url, _form(amount="1.800"), token_from=url)
    assert response.status_code == 422
    assert "peut signifier" in html.unescape(response.get_data(as_text=True))  # 1800 or 1,8?
    assert _openings() == 0
    assert client.post_form(url, _form(amount="1 234,56"), token_from=url).status_code == 303
    assert db.session.scalar(select(Document.total).where(Document.kind == "opening")) == Decimal(
        "1234.56"
    )
