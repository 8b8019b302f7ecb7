"""Every staff page answers an htmx request (a filter, a history restore) as it answers a visit."""

from tests.access import ACCESS, customer_objects, real_url, settings_objects
from tests.factories import make_admin, make_contact, make_ticket


def test_every_staff_page_answers_htmx_requests(app, client, ctx, login_as):
    login_as(make_admin())
    contact = make_contact()
    ids = {**customer_objects(contact.customer, contact), **settings_objects()}
    make_ticket(contact, subject="Filter me", status="open")
    for rule in app.url_map.iter_rules():
        if ACCESS[rule.endpoint] in {"staff", "admin"} and "GET" in rule.methods:
            url = real_url(rule, ids)
            status = client.get(url, headers={"HX-Request": "true"}).status_code
            assert status in (200, 303), url  # 303: a reload of a refused form goes to its page
    body = client.get("/admin/tickets?status=open", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )
    assert "Filter me" in body and "<html" not in body
