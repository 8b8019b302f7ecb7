"""The dashboard's cards and the Quick create dialog, at the request level."""

import json
from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Contact, Customer, Ticket
from tests.factories import (
    make_contact,
    make_currency,
    make_customer,
    make_document,
    make_group,
    make_user,
)


def test_dashboard_cards_answer_and_link(client, ctx, login_as):
    login_as(make_user())
    usd = make_currency("USD", symbol="$")
    vip = make_group(name="VIP")
    customer = make_customer(company="Acme", groups=[vip])
    late = make_document(customer, status="unpaid")
    late.due_date = date.today() - timedelta(days=3)
    late.issue_date = date.today().replace(month=1, day=1)
    dollars = make_document(customer, status="unpaid")
    dollars.currency_code = usd.code
    estimate = make_document(customer, kind="estimate", status="sent")
    estimate.due_date = date.today() + timedelta(days=5)
    contact = make_contact(customer)
    db.session.add(Ticket(customer_id=customer.id, contact=contact, subject="Open one"))
    db.session.commit()
    body = client.get("/admin/").get_data(as_text=True)
    assert "€900.00" in body and "$900.00" in body  # outstanding per currency, never added
    assert 'href="/admin/invoices?status=overdue"' in body
    assert 'href="/admin/estimates?status=sent"' in body and 'href="/admin/tickets"' in body
    assert "VIP" in body and 'href="/admin/reports/customer-groups"' in body


def test_quick_create_uses_the_full_forms_rules(client, ctx, login_as, inbox):
    login_as(make_user())
    make_contact(email="taken@example.com")
    url = "/admin/customers/quick"
    bad = client.post_form(
        url,
        {"company": "", "contact_email": "taken@example.com"},
        token_from=url,
        headers={"HX-Request": "true"},
    )
    assert bad.status_code == 422
    body = bad.get_data(as_text=True)
    assert body.lstrip().startswith("<dialog") and 'id="company-error"' in body
    assert "already used by a contact" in body
    assert db.session.scalars(select(Customer).where(Customer.company == "")).all() == []
    group = make_group(name="Retail")
    good = client.post_form(
        url,
        {
            "company": "Fast Ltd",
            "contact_first_name": "Ana",
            "contact_last_name": "Lee",
            "contact_email": "ana@fast.example.com",
            "group": str(group.id),
            "send_welcome": "y",
        },
        token_from=url,
        headers={"HX-Request": "true"},
    )
    assert good.status_code == 204
    events = json.loads(good.headers["HX-Trigger"])
    assert events["closeModal"] and "customerCreated" in events
    assert events["showToast"]["url"].startswith("/admin/customers/")
    customer = db.session.scalars(select(Customer).where(Customer.company == "Fast Ltd")).one()
    assert [g.name for g in customer.groups] == ["Retail"]
    contact = db.session.scalars(select(Contact).where(Contact.customer_id == customer.id)).one()
    assert contact.is_primary and contact.perm_support
    assert [m["To"] for m in inbox.messages] == ["ana@fast.example.com"]


def test_quick_create_works_without_script(client, ctx, login_as):
    login_as(make_user())
    url = "/admin/customers/quick"
    page = client.get(url).get_data(as_text=True)
    assert "<dialog" in page and " open>" in page  # shown as a page without htmx
    response = client.post_form(url, {"company": "Plain Co"}, token_from=url)
    assert response.status_code == 303 and response.headers["Location"].startswith(
        "/admin/customers/"
    )


def test_quick_create_menu_on_every_admin_page(client, ctx, login_as):
    login_as(make_user())
    for path in ["/admin/", "/admin/customers", "/admin/invoices"]:
        body = client.get(path).get_data(as_text=True)
        assert 'aria-keyshortcuts="+"' in body and 'href="/admin/customers/quick"' in body
        assert 'href="/admin/tickets/new"' in body


def test_quick_create_refuses_crafted_values(client, ctx, login_as):
    login_as(make_user())
    url = "/admin/customers/quick"
    for field, value in [
        ("currency", "abc"),
        ("currency", "9" * 25),
        ("group", "x"),
        ("language", "xx"),
    ]:
        response = client.post_form(url, {"company": "Y", field: value}, token_from=url)
        assert response.status_code == 422, (field, value)


def test_quick_create_without_welcome_sends_nothing(client, ctx, login_as, inbox):
    login_as(make_user())
    url = "/admin/customers/quick"
    response = client.post_form(
        url,
        {
            "company": "Silent",
            "contact_first_name": "A",
            "contact_last_name": "B",
            "contact_email": "silent@example.com",
        },
        token_from=url,
    )
    assert response.status_code == 303 and inbox.messages == []


def test_list_filters_behind_the_dashboard_cards(client, ctx, login_as):
    login_as(make_user())
    customer = make_customer(company="Acme")
    partial = make_document(customer, status="partial")
    expired = make_document(customer, kind="estimate", status="sent")
    expired.due_date = date.today() - timedelta(days=1)
    waiting = make_document(customer, kind="estimate", status="sent")
    waiting.due_date = date.today() + timedelta(days=9)
    db.session.commit()
    assert partial.number in client.get("/admin/invoices?status=due").get_data(as_text=True)
    sent = client.get("/admin/estimates?status=sent").get_data(as_text=True)
    assert waiting.number in sent and expired.number not in sent
    old = make_customer(company="Old one")
    old.created_at = old.created_at.replace(year=2020)
    db.session.commit()
    since = client.get(f"/admin/customers?since={date.today().replace(day=1)}").get_data(
        as_text=True
    )
    assert "Acme" in since and "Old one" not in since


def test_report_says_when_custom_dates_cannot_be_used(client, ctx, login_as):
    login_as(make_user())
    body = client.get("/admin/reports/customer-groups?range=custom&from=2026-05-01&to=2026-01-01")
    assert "These dates cannot be used" in body.get_data(as_text=True)


def test_the_outstanding_card_says_how_much_of_it_is_opening_balances(client, ctx, login_as):
    """The card opens the invoice list, which does not show opening balances: the card says
    which part of its figure they are, for everyone who sees every invoice (read from the
    tallies) and for a "view own" member (read from their invoices)."""
    from tests.factories import make_opening

    own = make_user(role={("invoices", "view_own"), ("customers", "view_own")})
    customer = make_customer(company="Acme", admins=[own])
    make_document(customer, status="unpaid")  # €900.00
    make_opening(customer, amount="1200")
    other = make_customer(company="Beta")
    make_opening(other, amount="50")
    db.session.commit()
    for user, total, openings in ((make_user(), "€2,150.00", "€1,250.00"),
                                  (own, "€2,100.00", "€1,200.00")):  # fmt: skip
        login_as(user)
        body = client.get("/admin/").get_data(as_text=True)
        assert total in body and f"of which opening balances: {openings}" in body
    make_document(make_customer(), status="unpaid")
    login_as(make_user(role={("invoices", "view_own")}))
    assert "opening balances" not in client.get("/admin/").get_data(as_text=True)
