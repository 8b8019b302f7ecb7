"""Whom a reminder may be for: only active staff who can see its record (its customer in their
scope and its module's view permission); anyone else posted is refused beside the field."""

import html
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import Reminder
from tests.factories import make_admin, make_customer, make_document, make_user

HX = {"HX-Request": "true"}


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Reminder))


def _offered(client, url: str) -> str:
    page = html.unescape(client.get(url).get_data(as_text=True))
    start = page.index('name="user_id"')
    return page[start : page.index("</select>", start)]


def test_only_staff_who_see_the_record_are_offered_and_others_are_refused(client, ctx, login_as):
    me = make_admin(name="Anne Admin")
    seller = make_user(role="sales", name="Sam Seller")
    support = make_user(role="support", name="Sue Support")  # customers, no invoices
    make_user(role="sales", name="Gone Seller", active=False)
    theirs, others = make_customer(admins=[seller]), make_customer()
    invoice = make_document(theirs, kind="invoice", status="unpaid")
    login_as(me)
    on_theirs = f"/admin/customers/{theirs.id}/reminders"
    on_others = f"/admin/customers/{others.id}/reminders"
    on_invoice = f"/admin/invoices/{invoice.id}/reminders"
    offered = _offered(client, on_theirs)
    assert "Anne Admin" in offered and "Sam Seller" in offered and "Sue Support" in offered
    assert "Gone Seller" not in offered
    offered = _offered(client, on_others)
    assert "Sam Seller" not in offered and "Sue Support" in offered
    offered = _offered(client, on_invoice)
    assert "Sam Seller" in offered and "Sue Support" not in offered
    later = (date.today() + timedelta(days=3)).isoformat()
    refused = "This person cannot see this record: choose someone who can."
    for url, person in ((on_others, seller), (on_invoice, support)):
        data = {"description": "Call", "user_id": str(person.id), "day": later, "at": "09:00"}
        response = client.post_form(url, data, token_from=url, headers=HX)
        assert response.status_code == 422
        assert refused in html.unescape(response.get_data(as_text=True))
    assert _count() == 0
    data = {"description": "Call", "user_id": str(seller.id), "day": later, "at": "09:00"}
    assert client.post_form(on_invoice, data, token_from=on_invoice).status_code == 303
    assert db.session.scalar(select(Reminder.user_id)) == seller.id
