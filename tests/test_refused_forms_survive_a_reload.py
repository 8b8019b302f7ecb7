"""A form refused at a URL that only takes posts (the payment form at /invoices/9/payments,
say) leaves that URL in the address bar: reloading it must never answer 405."""

import pytest

from tests.access import ACCESS, customer_objects, real_url, settings_objects
from tests.factories import make_admin, make_customer, make_portal_contact


@pytest.fixture
def ids(ctx):
    customer = make_customer(company="Acme")
    contact = make_portal_contact(customer)
    return {**customer_objects(customer, contact), **settings_objects(), "contact": contact}


def refused_at_post_only_urls(app, client, ids, classes, token_from):
    """Each POST-only URL of `classes` that answers an empty form with the refused form (422)."""
    token = client.csrf_token(token_from)
    found = []
    for rule in app.url_map.iter_rules():
        if ACCESS.get(rule.endpoint) not in classes or "GET" in rule.methods:
            continue
        url = real_url(rule, ids)
        if client.post(url, data={"csrf_token": token}).status_code == 422:
            found.append(url)
    return found


def test_no_staff_form_is_refused_at_a_post_only_url(app, client, ids, login_as):
    """A POST-only URL that answers with the refused form would answer 405 to a reload."""
    login_as(make_admin())
    assert refused_at_post_only_urls(app, client, ids, {"staff", "admin"}, "/admin/") == []


def test_no_portal_form_is_refused_at_a_post_only_url(app, client, ids, login_as):
    login_as(ids["contact"])
    assert refused_at_post_only_urls(app, client, ids, {"contact"}, "/clients/") == []


def test_reloading_a_refused_payment_opens_the_invoice(client, ids, login_as):
    login_as(make_admin())
    url = f"/admin/invoices/{ids['invoice']}/payments"
    token = client.csrf_token(f"/admin/invoices/{ids['invoice']}")
    refused = client.post(url, data={"csrf_token": token, "amount": "abc"})
    assert refused.status_code == 422 and "Record a payment" in refused.get_data(as_text=True)
    reload = client.get(url)
    assert reload.status_code == 303
    assert reload.headers["Location"] == f"/admin/invoices/{ids['invoice']}"
    assert "Record a payment" in client.get(reload.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("/admin/first-run", "/admin/"),
        ("/admin/profile/password", "/admin/profile"),
        ("/admin/projects/{project_id}/tasks", "/admin/projects/{project_id}"),
        ("/admin/tickets/{ticket_id}/update", "/admin/tickets/{ticket_id}"),
        ("/admin/settings/email/test", "/admin/settings/email"),
        ("/admin/settings/contracts/reminders", "/admin/settings/contracts"),
    ],
)
def test_reloading_other_refused_forms_opens_their_page(client, ids, login_as, url, page):
    login_as(make_admin())
    reload = client.get(url.format(**ids))
    assert reload.status_code == 303 and reload.headers["Location"] == page.format(**ids)
    assert client.get(reload.headers["Location"]).status_code == 200


def test_reloading_the_portals_refused_password_form_opens_the_profile(client, ids, login_as):
    login_as(ids["contact"])
    token = client.csrf_token("/clients/profile")
    data = {"csrf_token": token, "current_password": "wrong", "password": "x", "confirm": "y"}
    refused = client.post("/clients/profile/password", data=data)
    assert refused.status_code == 422
    reload = client.get("/clients/profile/password")
    assert reload.status_code == 303 and reload.headers["Location"] == "/clients/profile"
    assert client.get(reload.headers["Location"]).status_code == 200
