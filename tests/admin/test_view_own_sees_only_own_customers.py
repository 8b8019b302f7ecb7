"""A "view own" member (the shipped Sales role) assigned to Alpha Bakery sees Alpha's rows and
never Bravo Garage's, wherever data leaves: lists, search as you type, the choosers, exports
(CSV and XLSX), group counts, reports, dashboard totals, PDFs, attachments, contacts, emails."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest

from app.extensions import db
from app.services.customers.search import reindex_customer
from app.services.sales.service import ItemInput
from tests.factories import (
    make_admin,
    make_contact,
    make_contract,
    make_currency,
    make_customer,
    make_document,
    make_group,
    make_outbox_message,
    make_project,
    make_ticket,
    make_user,
)

HX = {"HX-Request": "true"}


def _invoice(customer, amount: int, overdue: bool = False, **kwargs):
    line = ItemInput("Work", Decimal(1), Decimal(amount))
    document = make_document(customer, status="unpaid", lines=[line], **kwargs)
    document.issue_date = date.today()  # this year and this month, whenever the suite runs
    if overdue:
        document.due_date = date.today() - timedelta(days=1)
    db.session.commit()
    return document


@pytest.fixture
def world(ctx):
    """Alpha (assigned to the member) and Bravo, each with invoices, an estimate awaiting an
    answer, a ticket with a file, a contract ending soon, a project, a contact, an email."""
    make_currency("EUR", is_default=True)
    member = make_user(role="sales", name="Sally Sales")
    group = make_group(name="Bakeries")
    alpha = make_customer(company="Alpha Bakery", groups=[group], admins=[member])
    bravo = make_customer(company="Bravo Garage", groups=[group], vat_number="FR40303265045")
    world = SimpleNamespace(member=member, alpha=alpha, bravo=bravo, group=group)
    for name, customer, amount, late in (("alpha", alpha, 123, 10), ("bravo", bravo, 4567, 1000)):
        contact = make_contact(customer, email=f"boss@{name}.example.com")
        db.session.refresh(customer)
        reindex_customer(customer)  # searchable by its contact's email too
        db.session.commit()
        setattr(world, f"{name}_contact", contact)
        setattr(world, f"{name}_invoice", _invoice(customer, amount))
        _invoice(customer, late, overdue=True)
        make_document(customer, kind="estimate", status="sent")
        ticket = make_ticket(contact, attachment=f"{name} file".encode(), subject=f"{name} help")
        setattr(world, f"{name}_ticket", ticket)
        setattr(world, f"{name}_file", ticket.replies[0].attachments[0])
        make_contract(customer, subject=f"{name} upkeep", end_date=date.today() + timedelta(days=5))
        setattr(world, f"{name}_contract", make_contract(customer, subject=f"{name} deal"))
        make_project(customer, name=f"{name} site")
        setattr(world, f"{name}_email", make_outbox_message(customer))
    return world


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _card(body: str, title: str) -> str:
    """The text of the dashboard card titled `title`."""
    match = re.search(rf"<h2>{re.escape(title)}</h2>(.*?)</a>", body, re.S)
    assert match, title
    return match.group(1)


@pytest.mark.parametrize(
    "url",
    ["/admin/customers", "/admin/invoices", "/admin/estimates", "/admin/tickets",
     "/admin/contracts", "/admin/projects"],
)  # fmt: skip
def test_lists_show_only_the_members_customers(client, world, login_as, url):
    login_as(world.member)
    body = _text(client.get(url))
    assert "Bravo" not in body and "bravo" not in body
    assert "Alpha" in body or "alpha" in body


def test_search_as_you_type_and_every_chooser_offer_only_their_customers(client, world, login_as):
    login_as(world.member)
    for q in ("Bravo", "boss@bravo.example.com", "Garage"):
        body = _text(client.get("/admin/customers", query_string={"q": q}, headers=HX))
        assert "Bravo Garage" not in body and "0 customers" in body
    assert "Alpha Bakery" in _text(client.get("/admin/customers?q=alpha", headers=HX))
    assert "Alpha Bakery" in _text(
        client.get("/admin/customers?q=boss@alpha.example.com", headers=HX)
    )
    for chooser in ("invoices", "estimates", "proposals", "contracts"):  # Sales may create
        url = f"/admin/{chooser}/new"
        body = _text(client.get(url, query_string={"q": "Bravo"}, headers=HX))
        assert "Bravo Garage" not in body and "No customer matches." in body
        assert "Alpha Bakery" in _text(client.get(url, query_string={"q": "Alp"}, headers=HX))


def test_the_ticket_chooser_offers_only_their_customers(client, world, login_as):
    from app.models import CustomerAdmin

    support = make_user(role={("customers", "view_own"), ("support", "view_own"),
                              ("support", "create")})  # fmt: skip
    db.session.add(CustomerAdmin(customer_id=world.alpha.id, user_id=support.id))
    db.session.commit()
    login_as(support)
    assert "Alpha Bakery" in _text(client.get("/admin/tickets/new?q=a", headers=HX))
    body = _text(client.get("/admin/tickets/new?q=Bravo", headers=HX))
    assert "Bravo Garage" not in body and "No customer matches." in body


def test_customer_exports_hold_only_their_customers(client, world, login_as):
    login_as(world.member)
    csv_text = _text(client.get("/admin/customers/export.csv"))
    assert "Alpha Bakery" in csv_text and "Bravo" not in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/admin/customers/export.xlsx").data))
    cells = [cell for row in sheet.active.iter_rows(values_only=True) for cell in row]
    assert "Alpha Bakery" in cells and "Bravo Garage" not in cells


def test_group_counts_count_only_their_customers(client, world, login_as):
    login_as(world.member)
    row = re.search(r"Bakeries.*?data-label=\"Customers\">(\d+)<", _text(
        client.get("/admin/customers/groups")), re.S)  # fmt: skip
    assert row and row.group(1) == "1"
    login_as(make_admin())
    row = re.search(r"Bakeries.*?data-label=\"Customers\">(\d+)<", _text(
        client.get("/admin/customers/groups")), re.S)  # fmt: skip
    assert row and row.group(1) == "2"


def test_dashboard_totals_are_over_what_they_may_see(client, world, login_as):
    login_as(world.member)
    body = _text(client.get("/admin/"))
    assert "€133.00" in _card(body, "Outstanding invoices")  # 123 + 10, not Bravo's 5,567
    assert "€10.00" in _card(body, "Overdue invoices")
    assert ">1</p>" in _card(body, "Estimates awaiting an answer")
    assert ">1</p>" in _card(body, "Open tickets")
    assert ">1</p>" in _card(body, "Customers added this month")
    assert "Bakeries — €133.00" in _card(body, "Groups that bring most this year")
    assert "alpha upkeep" in body and "bravo" not in body and "Bravo" not in body
    login_as(make_admin())
    body = _text(client.get("/admin/"))
    assert "€5,700.00" in _card(body, "Outstanding invoices")
    assert "€1,010.00" in _card(body, "Overdue invoices")
    assert ">2</p>" in _card(body, "Open tickets")
    assert "Bakeries — €5,700.00" in _card(body, "Groups that bring most this year")
    assert "bravo upkeep" in body


def test_dashboard_shows_no_card_of_a_module_the_role_cannot_view(client, world, login_as):
    login_as(make_user(role={("customers", "view_own")}))
    body = _text(client.get("/admin/"))
    for title in (
        "Outstanding invoices",
        "Overdue invoices",
        "Estimates awaiting an answer",
        "Open tickets",
        "Groups that bring most this year",
        "Contracts ending soon",
    ):
        assert title not in body
    assert ">0</p>" in _card(body, "Customers added this month")  # assigned to none


RANGE = {"range": "this_year"}


def test_reports_view_own_counts_their_customers_invoices_only(client, world, login_as):
    login_as(world.member)
    body = _text(client.get("/admin/reports/customer-groups", query_string=RANGE))
    assert "€133.00" in body and "5,700" not in body and "4,567" not in body
    csv_text = _text(client.get("/admin/reports/customer-groups.csv", query_string=RANGE))
    assert "133.00" in csv_text and "5700" not in csv_text and "4567" not in csv_text
    response = client.get("/admin/reports/customer-groups.xlsx", query_string=RANGE)
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[:5] for row in rows[1:]] == [("EUR", "Bakeries", 1, 2, 133)]
    top = _text(client.get("/admin/reports/customers", query_string=RANGE))
    assert "Alpha Bakery" in top and "Bravo" not in top


def test_reports_view_all_counts_every_invoice(client, world, login_as):
    login_as(make_user(role={("reports", "view_all"), ("customers", "view_own")}))
    body = _text(client.get("/admin/reports/customer-groups", query_string=RANGE))
    assert "€5,700.00" in body
    top = _text(client.get("/admin/reports/customers", query_string=RANGE))
    assert "Alpha Bakery" in top and "Bravo Garage" in top


def test_pdfs_attachments_contacts_and_emails_of_other_customers_are_404(client, world, login_as):
    login_as(world.member)
    for name, ok in (("alpha", 200), ("bravo", 404)):
        customer = getattr(world, name)
        invoice, contract = getattr(world, f"{name}_invoice"), getattr(world, f"{name}_contract")
        ticket, file = getattr(world, f"{name}_ticket"), getattr(world, f"{name}_file")
        contact = getattr(world, f"{name}_contact")
        assert client.get(f"/admin/invoices/{invoice.id}/pdf").status_code == ok
        assert client.get(f"/admin/contracts/{contract.id}/pdf").status_code == ok
        attachment = client.get(f"/admin/tickets/{ticket.id}/attachments/{file.id}")
        assert attachment.status_code == ok
        if ok == 200:
            assert attachment.data == f"{name} file".encode()
        for page in ("", "/contacts", "/activity", f"/contacts/{contact.id}"):
            assert client.get(f"/admin/customers/{customer.id}{page}").status_code == ok, page
    email = world.bravo_email
    resend = client.post_form(f"/admin/customers/{world.bravo.id}/emails/{email.id}/resend",
                              token_from="/admin/")  # fmt: skip
    assert resend.status_code == 404
    contact_url = f"/admin/customers/{world.bravo.id}/contacts/{world.bravo_contact.id}"
    edit = client.post_form(contact_url, {"first_name": "X"}, token_from="/admin/")
    assert edit.status_code == 404
    ours = client.post_form(f"/admin/customers/{world.alpha.id}/emails/{world.alpha_email.id}"
                            "/resend", token_from="/admin/")  # fmt: skip
    assert ours.status_code == 303


def test_an_invoice_links_to_its_estimate_only_for_those_who_may_open_it(client, ctx, login_as):
    from app.services.sales.actions import convert_to_invoice

    make_currency("EUR", is_default=True)
    invoicing = make_user(role={("customers", "view_own"), ("invoices", "view_own")})
    customer = make_customer(company="Alpha Bakery", admins=[invoicing])
    estimate = make_document(customer, kind="estimate", status="accepted")
    invoice = convert_to_invoice(estimate, None)
    db.session.commit()
    login_as(invoicing)  # may not see estimates at all
    body = _text(client.get(f"/admin/invoices/{invoice.id}"))
    assert "Created from:" not in body and f"/admin/estimates/{estimate.id}" not in body
    login_as(make_admin())
    body = _text(client.get(f"/admin/invoices/{invoice.id}"))
    assert "Created from:" in body and f"/admin/estimates/{estimate.id}" in body
