"""Every portal URL is scoped to the signed-in contact's customer."""

import re

from tests.access import ACCESS, PORTAL_ID_ROUTES
from tests.factories import make_contact, make_customer


def test_every_portal_route_with_an_id_has_an_isolation_case(app):
    with_ids = {
        r.endpoint
        for r in app.url_map.iter_rules()
        if ACCESS.get(r.endpoint) == "contact" and "<" in r.rule
    }
    missing = with_ids - set(PORTAL_ID_ROUTES)
    assert not missing, f"add these to PORTAL_ID_ROUTES in tests/access.py: {missing}"


def test_ids_of_another_customer_are_404(app, client, ctx, login_as):
    customer_a, customer_b = make_customer(company="A Corp"), make_customer(company="B Corp")
    login_as(make_contact(customer_a))
    rules = {r.endpoint: r for r in app.url_map.iter_rules()}
    token = client.csrf_token("/clients/")
    for endpoint, make_foreign in PORTAL_ID_ROUTES.items():
        ids = make_foreign(customer_b)  # {url variable: id of customer B's object}
        rule = rules[endpoint]
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m, ids=ids: str(ids[m.group(1)]), rule.rule)
        if "GET" in rule.methods:
            assert client.get(url).status_code == 404, url
        if "POST" in rule.methods:
            assert client.post(url, data={"csrf_token": token, "body": "x"}).status_code == 404, url


def test_pages_without_ids_show_only_the_contacts_own_customer(app, client, ctx, login_as):
    customer_a, customer_b = make_customer(company="A Corp"), make_customer(company="B Corp")
    make_contact(customer_b, first_name="Bob")
    login_as(make_contact(customer_a, first_name="Ann"))
    pages = [
        r.rule
        for r in app.url_map.iter_rules()
        if ACCESS.get(r.endpoint) == "contact" and "GET" in r.methods and "<" not in r.rule
    ]
    assert len(pages) >= 8
    for url in pages:
        body = client.get(url).get_data(as_text=True)
        assert "B Corp" not in body and "Bob" not in body, url
