"""Emailing a statement (PDF attached, the customer's language, only to contacts who may open
invoices and receive statements) and the portal's Statement page (own customer only)."""

from datetime import date

from tests.factories import make_admin, make_contact, make_customer
from tests.sales.statement_factories import issued, pay
from tests.sales.test_pdf import pdf_text

MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


def _customer(**fields):
    customer = make_customer(**fields)
    invoice = issued(customer, 900, date(2026, 3, 2), date(2026, 4, 1))
    pay(invoice, 250, date(2026, 3, 9))
    return customer


def test_statement_is_emailed_in_the_customers_language_with_its_pdf(client, ctx, login_as,
                                                                      inbox):  # fmt: skip
    login_as(make_admin())
    customer = _customer(company="Panadería Sol", language="es")
    reader = make_contact(customer, email="lee@example.com")
    make_contact(customer, email="no-invoices@example.com", perm_invoices=False)
    make_contact(customer, email="opted-out@example.com", email_statements=False)
    response = client.post_form(f"/admin/customers/{customer.id}/statement/send", MARCH,
                                token_from="/admin/")  # fmt: skip
    assert response.status_code == 303
    message = inbox.only()
    assert message["To"] == reader.email
    assert message["Subject"] == "Comptoir: estado de cuenta"
    pdf = next(p for p in message.iter_attachments()
               if p.get_content_type() == "application/pdf").get_content()  # fmt: skip
    text = pdf_text(pdf, layout=True)
    assert "Estado de cuenta" in text and "Panadería Sol" in text and "650,00" in text


def test_without_a_recipient_nothing_is_sent_and_the_page_says_so(client, ctx, login_as, inbox):
    login_as(make_admin())
    customer = _customer()
    make_contact(customer, perm_invoices=False)
    response = client.post_form(f"/admin/customers/{customer.id}/statement/send", MARCH,
                                token_from="/admin/", follow_redirects=True)  # fmt: skip
    assert "No contact may receive this statement" in response.get_data(as_text=True)
    assert inbox.messages == []


def test_portal_statement_shows_only_the_contacts_customer(client, ctx, login_as):
    mine = _customer(company="Mine")
    other = make_customer(company="Other")
    issued(other, 777, date(2026, 3, 3))
    login_as(make_contact(mine))
    page = client.get("/clients/statement", query_string=MARCH)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "€650.00" in text and "€777.00" not in text
    pdf = client.get("/clients/statement/pdf", query_string=MARCH)
    assert pdf.status_code == 200 and pdf.headers["Cache-Control"] == "private, no-store"
    text = pdf_text(pdf.data, layout=True)
    assert "Mine" in text and "€650.00" in text and "777" not in text


def test_portal_statement_needs_the_invoices_permission(client, ctx, login_as):
    login_as(make_contact(_customer(), perm_invoices=False))
    assert client.get("/clients/statement").status_code == 403
    assert client.get("/clients/statement/pdf").status_code == 403
    assert "/clients/statement" not in client.get("/clients/").get_data(as_text=True)


def test_portal_bad_period_is_refused_beside_the_field(client, ctx, login_as):
    login_as(make_contact(_customer()))
    page = client.get("/clients/statement", query_string={"from": "2026-04-01", "to": "2026-03-01"})
    assert page.status_code == 422
    assert "The end of the period may not come before its start." in page.get_data(as_text=True)


def test_email_statement_clicked_four_times_at_once_sends_once(app, ctx, inbox):
    from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

    customer = _customer(company="Twice Ltd")
    make_contact(customer, email="once@example.com")
    url = f"/admin/customers/{customer.id}/statement/send"
    results = _at_once(_browsers(app, 4), [(url, MARCH)] * 4)
    pages = [page for _url, _code, page in results]
    assert sum("Statement emailed to 1 contact." in page for page in pages) == 1
    assert sum("emailed a moment ago" in page for page in pages) == 3
    assert [m["To"] for m in inbox.messages] == ["once@example.com"]
