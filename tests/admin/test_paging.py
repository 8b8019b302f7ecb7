"""Long lists page: tickets and sales documents, with the filters kept from page to page."""

from datetime import timedelta

from app.extensions import db
from app.models import Ticket
from app.models.types import utcnow
from tests.factories import make_admin, make_contact, make_customer, make_document


def test_tickets_page_by_fifty_and_keep_their_filters(client, ctx, login_as):
    contact = make_contact(make_customer())
    now = utcnow()
    for n in range(53):
        ago = now - timedelta(minutes=n)
        db.session.add(Ticket(customer=contact.customer, contact=contact, subject=f"Question {n}",
                              priority="high", last_activity_at=ago))  # fmt: skip
    db.session.add(Ticket(customer=contact.customer, contact=contact, subject="Low one",
                          priority="low", last_activity_at=now))  # fmt: skip
    db.session.commit()
    login_as(make_admin())
    first = client.get("/admin/tickets?priority=high").get_data(as_text=True)
    assert "Question 0<" in first and "Question 49<" in first and "Question 50<" not in first
    assert "Page 1 of 2" in first and "Low one" not in first
    assert 'href="/admin/tickets?priority=high&amp;page=2"' in first
    second = client.get("/admin/tickets?priority=high&page=2", headers={"HX-Request": "true"})
    page = second.get_data(as_text=True)
    assert second.status_code == 200 and "<html" not in page  # the results fragment only
    assert "Question 52<" in page and "Question 49<" not in page and "Page 2 of 2" in page
    for bad in ("0", "-3", "abc", "999"):
        assert client.get(f"/admin/tickets?page={bad}").status_code == 200


def test_invoices_page_by_a_hundred(client, ctx, login_as):
    customer = make_customer()
    documents = [make_document(customer, status="unpaid") for _ in range(101)]
    login_as(make_admin())
    first = client.get("/admin/invoices").get_data(as_text=True)
    assert documents[-1].number in first and documents[0].number not in first
    assert "Page 1 of 2" in first
    second = client.get("/admin/invoices?page=2").get_data(as_text=True)
    assert documents[0].number in second and documents[-1].number not in second


def test_contracts_and_projects_page_by_a_hundred(client, ctx, login_as):
    from app.models import Project
    from tests.factories import make_contract

    customer = make_customer()
    for n in range(101):
        make_contract(customer, subject=f"Contract {n:03d}")
        db.session.add(Project(customer=customer, name=f"Project {n:03d}"))
    db.session.commit()
    login_as(make_admin())
    for url, first, last in (
        ("/admin/contracts", "Contract 100<", "Contract 000<"),  # newest first
        ("/admin/projects", "Project 100<", "Project 000<"),
    ):
        page_one = client.get(url).get_data(as_text=True)
        assert first in page_one and last not in page_one and "Page 1 of 2" in page_one
        page_two = client.get(f"{url}?page=2").get_data(as_text=True)
        assert last in page_two and first not in page_two


def test_flask_reserved_words_in_the_query_stay_in_the_query(client, ctx, login_as):
    customer = make_customer()
    for _ in range(101):
        make_document(customer, status="unpaid")
    login_as(make_admin())
    response = client.get("/admin/invoices?_method=POST&_external=1&_anchor=x&status=due")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert (
        'href="/admin/invoices?_method=POST&amp;_external=1&amp;_anchor=x&amp;status=due&amp;page=2"'
        in page
    )
