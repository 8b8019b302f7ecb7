"""Every state-changing endpoint refuses a request without a valid CSRF token."""

import re

from tests.factories import make_admin

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}


def _sample_url(rule) -> str:
    return re.sub(
        r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>",
        lambda m: "1" if m.group(1) == "int" else "x",
        rule.rule,
    )


def _mutating(app):
    return [
        (rule, method)
        for rule in app.url_map.iter_rules()
        for method in sorted(rule.methods & MUTATING)
    ]


def test_there_are_mutating_endpoints(app):
    assert len(_mutating(app)) >= 4


def test_anonymous_requests_without_token_get_400(app, client):
    for rule, method in _mutating(app):
        response = client.open(_sample_url(rule), method=method, data={"email": "a@example.com"})
        assert response.status_code == 400, (method, rule.rule)


def test_signed_in_requests_with_a_forged_token_get_400(app, client, ctx, login_as):
    login_as(make_admin())
    for rule, method in _mutating(app):
        for token in ("", "forged-token"):
            response = client.open(
                _sample_url(rule),
                method=method,
                data={"csrf_token": token},
                headers={"X-CSRFToken": token},
            )
            assert response.status_code == 400, (method, rule.rule, token)


def test_the_token_in_the_htmx_header_is_accepted(client, ctx, login_as):
    login_as(make_admin())
    token = client.csrf_token("/admin/")
    response = client.post("/admin/logout", headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code == 303
