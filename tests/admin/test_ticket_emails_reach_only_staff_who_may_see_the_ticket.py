"""A new ticket is emailed to its department's staff who may see it: a "view own" member of
the department hears only of their own customers' tickets."""

from sqlalchemy import select

from app.extensions import db
from app.models import Department, OutboxMessage
from app.services.tickets.service import open_ticket
from tests.factories import make_admin, make_contact, make_customer, make_user


def _recipients() -> set[str]:
    return set(db.session.scalars(select(OutboxMessage.recipient).where(
        OutboxMessage.kind == "ticket_opened_staff")))  # fmt: skip


def test_a_department_member_hears_only_of_tickets_they_may_see(ctx):
    make_admin(email="boss@example.com")
    everyone = make_user(role="support", email="all@example.com")  # support: view all
    own = make_user(role="sales", email="own@example.com")  # support: view own
    desk = Department(name="Desk", members=[everyone, own])
    db.session.add(desk)
    mine, other = make_customer(admins=[own]), make_customer()
    db.session.commit()
    for customer in (mine, other):
        contact = make_contact(customer)
        open_ticket(customer, contact, "Help", "Please", desk.id, "medium", [])
        db.session.commit()
        expected = (
            {"all@example.com", "own@example.com"} if customer is mine else {"all@example.com"}
        )
        assert _recipients() == expected, customer
        db.session.execute(OutboxMessage.__table__.delete())
        db.session.commit()


def test_with_nobody_in_the_department_who_may_see_it_administrators_hear(ctx):
    make_admin(email="boss@example.com")
    own = make_user(role="sales", email="own@example.com")
    desk = Department(name="Desk", members=[own])
    db.session.add(desk)
    customer = make_customer()
    db.session.commit()
    open_ticket(customer, make_contact(customer), "Help", "Please", desk.id, "medium", [])
    db.session.commit()
    assert _recipients() == {"boss@example.com"}
