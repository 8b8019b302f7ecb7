"""A "view own" member who takes themselves off a customer's admins no longer sees it: the save
goes to the customer list and says why, instead of a saved message above a "not found" page."""

import pytest

from app.extensions import db
from app.models import Customer
from tests.admin.test_customer_admins import profile, save
from tests.factories import make_customer, make_user

TOLD = {
    "en": "You are no longer assigned to Acme, so it is no longer in your lists.",
    "fr": "Vous n'êtes plus responsable du client « Acme »\u00a0: il n'apparaît donc plus dans "
    "vos listes.",
    "de": "Sie sind nicht mehr für Acme zuständig, daher erscheint der Kunde nicht mehr in Ihren "
    "Listen.",
    "es": "Ya no es responsable de «Acme», así que ya no aparece en sus listas.",
}


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_taking_oneself_off_goes_to_the_list_and_says_why(client, ctx, login_as, language):
    sam, ana = make_user(role="sales", language=language), make_user(name="Ana")
    customer = make_customer(company="Acme", admins=[sam, ana])
    login_as(sam)
    response = save(client, customer.id, profile(customer, admins=[str(ana.id)]))
    assert response.status_code == 303 and response.headers["Location"] == "/admin/customers"
    page = client.get("/admin/customers").get_data(as_text=True).replace("&#39;", "'")
    assert TOLD[language] in page
    db.session.expire_all()
    assert [u.name for u in db.session.get(Customer, customer.id).admins] == ["Ana"]


def test_a_member_who_sees_all_customers_stays_on_the_page(client, ctx, login_as):
    me, ana = make_user(), make_user(name="Ana")  # Team member: sees every customer
    customer = make_customer(company="Acme", admins=[me, ana])
    login_as(me)
    response = save(client, customer.id, profile(customer, admins=[str(ana.id)]))
    assert response.headers["Location"] == f"/admin/customers/{customer.id}"
    assert "no longer assigned" not in client.get(response.headers["Location"]).text
