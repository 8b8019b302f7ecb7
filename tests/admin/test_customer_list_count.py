"""The customer list reads its count from the customer counts (migration 0048) when at most
"active" filters it and the person sees every customer: the same count and pager as counting
the customers themselves, after creating (form, quick create, plain SQL, many at once),
deactivating, reactivating and deleting customers; a member who sees only their own customers
gets their own count; the migration counts the customers made before it, and `check-data`
names a count that no longer matches (`billing rebuild-tallies` mends it)."""

import re

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import Customer, CustomerCount
from app.services.customers.queries import CustomerFilters, tallied_count
from app.services.integrity import run_checks
from app.services.scope import Scope
from tests.factories import make_admin, make_customer, make_user, new_customer_form
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers

HX = {"HX-Request": "true"}


def _shown(client, query: str = "") -> tuple[str, str]:
    """(the count line, the pager line) the customer list shows for ?query."""
    page = client.get(f"/admin/customers?{query}").get_data(as_text=True)
    [count] = re.findall(r'<p class="total">\s*(\d+ customers?)\b', page)
    pager = re.findall(r"Page \d+ of \d+", page)
    return count, pager[0] if pager else ""


def _counted(client, query: str = "") -> tuple[str, str]:
    """What the list shows when the pager counts the customers: a date filter before every
    customer narrows nothing, but is not read from the customer counts."""
    return _shown(client, f"{query}&since=2000-01-01")


def _problems() -> list[str]:
    [outcome] = run_checks(["customer_counts"])
    return [problem.line() for problem in outcome.problems]


def _tally(active=None) -> int | None:
    db.session.expire_all()
    return tallied_count(CustomerFilters(active=active), Scope())


def test_the_count_and_pager_match_counting_the_customers_as_they_come_and_go(
    app, ctx, client, login_as
):
    admin = make_admin()
    login_as(admin)
    customers = [make_customer(company=f"Tally {n:03d} SA", active=n % 4 != 0) for n in range(60)]
    for query in ("", "active=1", "active=0", "page=3", "active=1&page=2"):
        assert _shown(client, query) == _counted(client, query), query
    assert _shown(client) == ("60 customers", "Page 1 of 3")
    assert _shown(client, "active=0")[0] == "15 customers"

    response = client.post_form("/admin/customers/new", new_customer_form(),
                                token_from="/admin/customers/new")  # fmt: skip
    assert response.status_code == 303
    data = {"company": "Chez Paul", "contact_first_name": "Paul", "contact_last_name": "Roux",
            "contact_email": "paul@chez.example.com"}  # fmt: skip
    response = client.post_form("/admin/customers/quick", data, token_from="/admin/", headers=HX)
    assert response.status_code == 204
    assert _shown(client)[0] == "62 customers" and _shown(client, "active=1")[0] == "47 customers"

    first, second = customers[0], customers[1]  # inactive, active
    for customer, active in ((first, "1"), (second, "0")):
        response = client.post_form(f"/admin/customers/{customer.id}/active", {"active": active},
                                    token_from="/admin/")  # fmt: skip
        assert response.status_code == 303
    assert _shown(client, "active=0")[0] == "15 customers"
    response = client.post_form(f"/admin/customers/{customers[2].id}/delete", {},
                                token_from="/admin/customers")  # fmt: skip
    assert response.status_code == 303
    db.session.execute(text("UPDATE customers SET active = NOT active WHERE id = :id"),
                       {"id": customers[3].id})  # fmt: skip
    db.session.execute(text("DELETE FROM customers WHERE id = :id"), {"id": customers[5].id})
    db.session.commit()
    assert _shown(client) == ("60 customers", "Page 1 of 3")
    for query in ("", "active=1", "active=0", "page=3"):
        assert _shown(client, query) == _counted(client, query), query
    assert _problems() == []


def test_a_member_who_sees_every_customer_reads_the_counts_and_one_who_sees_his_own_not(
    app, ctx, client, login_as
):
    sales = make_user(role="sales")
    [make_customer(admins=[sales] if n < 3 else ()) for n in range(10)]
    assert tallied_count(CustomerFilters(), Scope(user=make_user())) == 10
    assert tallied_count(CustomerFilters(), Scope(user=sales)) is None
    assert tallied_count(CustomerFilters(q="company"), Scope()) is None
    assert tallied_count(CustomerFilters(active=False), Scope()) == 0
    login_as(sales)
    assert _shown(client) == ("3 customers", "")


def test_customers_created_at_once_are_each_counted(app, ctx):
    browsers = _browsers(app, 6)
    posts = [("/admin/customers/new", new_customer_form(company=f"Parallel {n} SARL",
                                                          contact_email=f"p{n}@example.com"))
             for n in range(6)]  # fmt: skip
    results = _at_once(browsers, posts)
    assert sorted(code for _url, code, _page in results) == [303] * 6
    assert _tally() == 6 == db.session.scalar(select(func.count()).select_from(Customer))
    assert _problems() == []


def test_a_rolled_back_insert_leaves_the_count_as_it_was(app, ctx):
    make_customer()
    db.session.add(Customer(company="Gone SA", company_key="gone sa"))
    db.session.flush()
    db.session.rollback()
    assert _tally() == 1


def test_check_data_names_a_count_that_no_longer_matches_and_rebuild_mends_it(app, ctx):
    make_customer(), make_customer(active=False)
    db.session.execute(text("UPDATE customer_counts SET active = active + 4"))
    db.session.commit()
    assert _problems() == ["count of active customers: expected 1 customer(s); found 5"]
    db.session.execute(text("DELETE FROM customer_counts"))
    db.session.commit()
    assert _problems() == [
        "count of active customers: expected 1 customer(s); found no count",
        "count of inactive customers: expected 1 customer(s); found no count",
    ]
    assert _tally() is None  # the pager counts the customers then
    result = app.test_cli_runner().invoke(args=["billing", "rebuild-tallies"])
    assert result.exit_code == 0 and "the customer counts from the customers" in result.output
    assert _problems() == [] and _tally() == 2 and _tally(active=False) == 1


def test_the_migration_counts_the_customers_made_before_it(app, ctx):
    for n in range(7):
        make_customer(active=n != 3)
    db.session.remove()
    downgrade(revision="0047_cache_version_roles")
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM customers")).scalar() == 7
    finally:
        upgrade()
    assert _tally() == 7 and _tally(active=True) == 6
    row = db.session.get(CustomerCount, 1)
    assert (row.active, row.inactive) == (6, 1)
    assert _problems() == []
