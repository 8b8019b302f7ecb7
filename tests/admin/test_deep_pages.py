"""A page deep in a list (past lists.DEEP rows skipped) finds its rows' ids first: the same
rows in the same order as every page before it, on SQLite and PostgreSQL."""

import re
from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Customer, Project
from app.models.types import utcnow
from app.services.customers.normalize import company_key
from app.services.lists import DEEP, PAGE_SIZES, ids_first
from tests.factories import make_admin, make_customer


def add_customers(count: int) -> None:
    now = utcnow()
    names = [f"Maison {n % 7} {n:05d}" for n in range(count)]  # runs of equal-starting names
    db.session.add_all(
        Customer(company=name, company_key=company_key(name.split(" 0")[0]),  # ties on the key
                 created_at=now - timedelta(minutes=n % 11))
        for n, name in enumerate(names)
    )  # fmt: skip
    db.session.commit()


def shown(body: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"Maison \d \d{5}", body)))  # each row names it twice


def test_a_deep_page_shows_the_rows_that_follow_the_page_before(client, ctx, login_as):
    per_page = PAGE_SIZES["customers"]
    add_customers(DEEP + 3 * per_page + 7)
    login_as(make_admin())
    for sort in ("company", "-company", "created", "-created"):
        everyone = []
        deep = DEEP // per_page + 1  # the first page that skips DEEP rows
        for number in range(deep - 1, deep + 4):  # the last shallow page, then deep ones
            body = client.get(f"/admin/customers?sort={sort}&page={number}").get_data(as_text=True)
            everyone += shown(body)
        ordered = db.session.scalars(
            select(Customer.company).order_by(
                *{"company": (Customer.company_key, Customer.id),
                  "-company": (Customer.company_key.desc(), Customer.id.desc()),
                  "created": (Customer.created_at, Customer.id),
                  "-created": (Customer.created_at.desc(), Customer.id.desc())}[sort]
            )
        ).all()  # fmt: skip
        assert everyone == ordered[(deep - 2) * per_page :], sort


def test_ids_first_keeps_joins_filters_and_order(ctx):
    customer = make_customer(company="Atelier")
    db.session.add_all(Project(customer=customer, name=f"P{n}", status="not_started")
                       for n in range(30))  # fmt: skip
    db.session.commit()
    query = (
        select(Project).join(Customer, Project.customer_id == Customer.id)
        .where(Customer.company == "Atelier", Project.name != "P3")
        .order_by(Project.name.desc(), Project.id)
    )  # fmt: skip
    plain = db.session.scalars(query.limit(7).offset(11)).all()
    assert db.session.scalars(ids_first(query, 7, 11)).all() == plain and len(plain) == 7
