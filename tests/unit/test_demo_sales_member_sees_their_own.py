"""`flask demo` signs a newcomer in as Sam Sales too: the Sales role, three customers assigned,
the login printed, and the dashboard shows Sam only those customers and their documents."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Customer, User
from app.services.demo import DEMO_STAFF_CUSTOMERS

OTHERS = ("Müller Maschinenbau GmbH", "Northwind Traders Ltd", "Ville de Genève — Service IT")


def test_the_demo_prints_sams_login_and_sam_sees_their_own_customers(app, ctx):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    match = re.search(r"Sales login .*: sales@example\.com  password: (\S+)", first.output)
    assert match, first.output
    sam = db.session.scalar(select(User).where(User.email == "sales@example.com"))
    assert sam.name == "Sam Sales" and sam.role.key == "sales" and not sam.is_admin
    assigned = db.session.scalars(select(Customer).where(Customer.admins.any(User.id == sam.id)))
    assert sorted(c.company for c in assigned) == sorted(DEMO_STAFF_CUSTOMERS)
    # Run again: the same login is printed, nothing is added.
    again = runner.invoke(args=["demo"])
    assert f"sales@example.com  password: {match.group(1)}" in again.output

    browser = app.test_client()
    login = {"email": "sales@example.com", "password": match.group(1)}
    signed_in = browser.post_form("/admin/login", login)
    assert signed_in.status_code == 303
    customers = browser.get("/admin/customers").get_data(as_text=True)
    for company in DEMO_STAFF_CUSTOMERS:
        assert company.replace("'", "&#39;") in customers
    for company in OTHERS:
        assert company not in customers
    invoices = browser.get("/admin/invoices").get_data(as_text=True)
    assert "Boulangerie Martin SARL" in invoices and "Müller Maschinenbau GmbH" not in invoices
    assert browser.get("/admin/settings/").status_code == 403
