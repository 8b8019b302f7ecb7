"""Support in the dashboard: list and filters, replies and notes, assignment, notifications."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Department, Ticket
from tests.factories import make_admin, make_contact, make_customer, make_ticket, make_user


@pytest.fixture
def staff(client, ctx, login_as):
    user = make_user(name="Sam Sales", language="de")
    login_as(user)
    return user


def test_list_filters(client, staff):
    sales = Department(name="Sales")
    db.session.add(sales)
    db.session.commit()
    a = make_ticket(
        subject="Alpha", priority="urgent", department_id=sales.id, assigned_to_id=staff.id
    )
    make_ticket(subject="Beta", priority="low", status="closed")
    make_ticket(subject="Gamma", status="on_hold")

    def subjects(**params):
        body = client.get("/admin/tickets", query_string=params).get_data(as_text=True)
        return sorted(s for s in ("Alpha", "Beta", "Gamma") if f">{s}</a>" in body)

    assert subjects() == ["Alpha", "Gamma"]  # closed tickets hidden by default
    assert subjects(status="all") == ["Alpha", "Beta", "Gamma"]
    assert subjects(status="on_hold") == ["Gamma"]
    assert subjects(priority="urgent") == ["Alpha"]
    assert subjects(department=sales.id) == ["Alpha"]
    assert subjects(assigned=staff.id) == ["Alpha"]
    assert subjects(customer=a.customer_id) == ["Alpha"]
    assert subjects(status="bogus", priority="x", department="²") == ["Alpha", "Gamma"]


def test_staff_reply_tells_the_contact_in_its_language(client, staff, inbox):
    ticket = make_ticket(make_contact(make_customer(language="es")))
    url = f"/admin/tickets/{ticket.id}"
    assert client.post_form(url, {"body": "Fixed it."}, token_from=url).status_code == 303
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "answered"
    message = inbox.only()
    assert message["To"] == ticket.contact.email
    assert "respuesta" in message["Subject"].lower()  # Spanish customer
    assert "Fixed it." in message.get_body(("plain",)).get_content()


def test_internal_note_tells_nobody(client, staff, inbox):
    ticket = make_ticket(status="open")
    url = f"/admin/tickets/{ticket.id}"
    client.post_form(url, {"body": "Check invoice first", "internal": "y"}, token_from=url)
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "open"
    assert inbox.messages == []
    assert "Check invoice first" in client.get(url).get_data(as_text=True)


def test_change_status_priority_department_assignee(client, staff):
    ticket = make_ticket()
    dept = Department(name="Tech")
    db.session.add(dept)
    db.session.commit()
    url = f"/admin/tickets/{ticket.id}/update"
    data = {
        "status": "in_progress",
        "priority": "high",
        "department": str(dept.id),
        "assigned_to": str(staff.id),
    }
    assert client.post_form(url, data, token_from="/admin/").status_code == 303
    db.session.expire_all()
    saved = db.session.get(Ticket, ticket.id)
    assert (saved.status, saved.priority, saved.department_id, saved.assigned_to_id) == (
        "in_progress",
        "high",
        dept.id,
        staff.id,
    )
    for bad in [{"status": "deleted"}, {"assigned_to": "99999"}, {"department": "99999"}]:
        assert client.post_form(url, dict(data, **bad), token_from="/admin/").status_code == 422


def test_staff_open_a_ticket_on_behalf_of_a_contact(client, staff, inbox):
    contact = make_contact(make_customer(language="fr"))
    url = f"/admin/customers/{contact.customer_id}/tickets/new"
    data = {
        "contact": str(contact.id),
        "subject": "Called us",
        "priority": "medium",
        "department": "",
        "body": "Customer phoned about the delivery.",
    }
    response = client.post_form(url, data, token_from=url, content_type="multipart/form-data")
    assert response.status_code == 303
    ticket = db.session.scalars(select(Ticket)).one()
    assert ticket.contact_id == contact.id and ticket.opened_by_id == staff.id
    assert ticket.replies[0].user_id == staff.id
    assert contact.email in [m["To"] for m in inbox.messages]
    other = make_contact()
    data["contact"] = str(other.id)
    assert (
        client.post_form(url, data, token_from=url, content_type="multipart/form-data").status_code
        == 422
    )
    tab = client.get(f"/admin/customers/{contact.customer_id}/tickets").get_data(as_text=True)
    assert "Called us" in tab


def test_who_is_told_of_a_contacts_reply(client, ctx, login_as, inbox, app):
    admin = make_admin(email="admin@example.com")
    agent = make_user(email="agent@example.com")
    member = make_user(email="member@example.com")
    dept = Department(name="Tech", members=[member])
    db.session.add(dept)
    db.session.commit()
    contact = make_contact(make_customer())
    login_as(contact)

    def reply(ticket):
        inbox.clear()
        url = f"/clients/tickets/{ticket.id}"
        client.post_form(url, {"body": "More info"}, token_from=url)
        return sorted(m["To"] for m in inbox.messages)

    assert reply(make_ticket(contact=contact, assigned_to_id=agent.id)) == ["agent@example.com"]
    assert reply(make_ticket(contact=contact, department_id=dept.id)) == ["member@example.com"]
    assert reply(make_ticket(contact=contact)) == ["admin@example.com"]
    assert admin.id


def test_departments_are_managed_by_admins(client, ctx, login_as):
    login_as(make_admin())
    staff = make_user(name="Pat")
    url = "/admin/settings/departments"
    assert (
        client.post_form(
            url, {"name": "Billing", "members": [str(staff.id)]}, token_from=url
        ).status_code
        == 303
    )
    assert client.post_form(url, {"name": "billing"}, token_from=url).status_code == 422
    dept = db.session.scalars(select(Department)).one()
    assert [m.name for m in dept.members] == ["Pat"]


def test_an_internal_note_leaves_the_activity_time_alone(client, ctx, login_as):
    login_as(make_user())
    ticket = make_ticket(subject="S")
    before = ticket.last_activity_at
    url = f"/admin/tickets/{ticket.id}"
    client.post_form(url, {"body": "note", "internal": "y"}, token_from=url)
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).last_activity_at == before


def test_staff_reply_keeps_its_line_breaks_in_the_html_email(client, ctx, login_as, inbox):
    login_as(make_user())
    ticket = make_ticket(make_contact(make_customer(language="en")), subject="S")
    url = f"/admin/tickets/{ticket.id}"
    client.post_form(
        url, {"body": "Line one\nLine two <b>x</b> https://example.com/a"}, token_from=url
    )
    html = inbox.only().get_body(("html",)).get_content()
    assert "Line one<br>" in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert 'href="https://example.com/a"' in html
