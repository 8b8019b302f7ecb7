"""The route access matrix: every endpoint classified, and each class enforced.

Every route is tried with real ids (objects made by tests/access.py), so each answers exactly
the status its class gives: a page that fails to find its object is a failure, not a pass.
"""

import pytest

from tests.access import ACCESS, LOGIN_PAGES, customer_objects, real_url, settings_objects
from tests.factories import make_admin, make_contact, make_customer, make_user

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}


def _rules(app):
    return [rule for rule in app.url_map.iter_rules()]


@pytest.fixture
def ids(ctx):
    """Real objects for every URL variable of the staff, admin and portal routes."""
    customer = make_customer(company="Acme")
    contact = make_contact(customer)
    return {**customer_objects(customer, contact), **settings_objects(), "contact": contact}


def test_every_endpoint_is_classified(app):
    unclassified = sorted({r.endpoint for r in _rules(app)} - set(ACCESS))
    assert not unclassified, f"classify these endpoints in tests/access.py: {unclassified}"
    stale = sorted(set(ACCESS) - {r.endpoint for r in _rules(app)})
    assert not stale, f"tests/access.py lists endpoints that no longer exist: {stale}"


def _guarded_get_rules(app, classes):
    return [r for r in _rules(app) if ACCESS.get(r.endpoint) in classes and "GET" in r.methods]


def _guarded_rules(app, classes):
    return [r for r in _rules(app) if ACCESS.get(r.endpoint) in classes]


def test_anonymous_is_sent_to_the_right_login(app, client, ids):
    rules = _guarded_get_rules(app, {"staff", "admin", "contact"})
    assert rules
    for rule in rules:
        url = real_url(rule, ids)
        response = client.get(url)
        assert response.status_code == 302, url
        location = response.headers["Location"]
        assert location.startswith(LOGIN_PAGES[ACCESS[rule.endpoint]] + "?next="), (url, location)


def test_contact_session_never_opens_staff_pages(app, client, ids, login_as):
    login_as(ids["contact"])
    for rule in _guarded_get_rules(app, {"staff", "admin"}):
        response = client.get(real_url(rule, ids))
        assert response.status_code == 302, rule.rule
        assert response.headers["Location"].startswith("/admin/login?next=")


def test_staff_session_never_opens_the_portal(app, client, ids, login_as):
    login_as(make_admin())
    rules = _guarded_get_rules(app, {"contact"})
    assert rules
    for rule in rules:
        response = client.get(real_url(rule, ids))
        assert response.status_code == 302, rule.rule
        assert response.headers["Location"].startswith("/clients/login?next=")


def test_contact_reaches_portal_pages(app, client, ids, login_as):
    login_as(ids["contact"])
    rules = _guarded_get_rules(app, {"contact"})
    assert len(rules) >= 20
    for rule in rules:
        url = real_url(rule, ids)
        assert client.get(url).status_code in (200, 303), url  # 303: a reload goes to the form


def test_staff_reach_staff_pages_but_not_admin_pages(app, client, ids, login_as):
    login_as(make_user())
    for rule in _guarded_get_rules(app, {"staff"}):
        url = real_url(rule, ids)
        assert client.get(url).status_code in (200, 303), url  # 303: a reload goes to the form
    admin_rules = _guarded_rules(app, {"admin"})
    assert admin_rules
    token = client.csrf_token("/admin/")
    for rule in admin_rules:
        url = real_url(rule, ids)
        for method in sorted(rule.methods & ({"GET"} | MUTATING)):
            response = client.open(url, method=method, data={"csrf_token": token})
            assert response.status_code == 403, (method, url)


def test_admin_reaches_admin_pages(app, client, ids, login_as):
    login_as(make_admin())
    rules = _guarded_get_rules(app, {"staff", "admin"})
    assert len(rules) >= 60
    for rule in rules:
        url = real_url(rule, ids)
        assert client.get(url).status_code in (200, 303), url  # 303: a reload goes to the form


@pytest.mark.parametrize("path", ["/admin/login", "/admin/forgot-password"])
def test_public_pages_open_anonymously(client, path):
    assert client.get(path).status_code == 200


def test_signed_in_staff_skip_the_login_page(client, ctx, login_as):
    login_as(make_user())
    response = client.get("/admin/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
