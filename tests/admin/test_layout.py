"""The admin layout, security headers, error pages and the language of the dashboard."""

import pytest

from tests.factories import make_admin, make_user


def test_security_headers_on_every_response(client):
    for path in ["/admin/login", "/static/css/app.css", "/no-such-page"]:
        with client.get(path) as response:
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script(client, ctx, login_as):
    login_as(make_admin())
    for path in ["/admin/", "/admin/staff/", "/admin/settings/"]:
        body = client.get(path).get_data(as_text=True)
        assert "<script>" not in body and " on" + "click=" not in body
        assert 'src="/static/js/htmx.min.js"' in body


def test_htmx_is_vendored_and_pinned_to_2_0(app):
    from pathlib import Path

    source = (Path(app.static_folder) / "js" / "htmx.min.js").read_text()
    assert 'version:"2.0.' in source


def test_dashboard_sidebar_and_quick_create_slot(client, ctx, login_as):
    login_as(make_admin())
    body = client.get("/admin/").get_data(as_text=True)
    for label in ["Dashboard", "Customers", "Sales", "Support", "Reports", "Settings"]:
        assert label in body
    assert 'id="quick-create"' in body
    assert 'hx-headers=\'{"X-CSRFToken": "' in body


def test_settings_entry_is_only_shown_to_admins(client, ctx, login_as):
    login_as(make_user())
    assert "/admin/settings/" not in client.get("/admin/").get_data(as_text=True)


def test_404_is_rendered_in_the_layout_and_as_a_fragment_for_htmx(client, ctx, login_as):
    login_as(make_user())
    page = client.get("/admin/nothing-here")
    assert page.status_code == 404
    assert "Page not found" in page.get_data(as_text=True)
    assert 'class="sidebar"' in page.get_data(as_text=True)
    fragment = client.get("/admin/nothing-here", headers={"HX-Request": "true"})
    assert fragment.status_code == 404
    body = fragment.get_data(as_text=True)
    assert "Page not found" in body and "<html" not in body
    assert "HX-Request" in fragment.headers["Vary"]


def test_500_is_a_friendly_page(tmp_path, smtp):
    from app import create_app
    from app.config import config_for_tests

    app = create_app(
        {
            **config_for_tests(f"sqlite:///{tmp_path / 'x.db'}", smtp.port),
            "PROPAGATE_EXCEPTIONS": False,
        }
    )

    @app.get("/__boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/__boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong" in body and "RuntimeError" not in body


@pytest.mark.parametrize(
    "language,greeting",
    [
        ("fr", "Tableau de bord"),
        ("de", "Dashboard"),
        ("es", "Panel"),
    ],
)
def test_dashboard_speaks_the_staff_members_language(client, ctx, login_as, language, greeting):
    login_as(make_user(language=language))
    body = client.get("/admin/").get_data(as_text=True)
    assert f'<html lang="{language}"' in body
    assert greeting in body


def test_visitors_switch_language_on_the_sign_in_page(client):
    token = client.csrf_token()
    response = client.post(
        "/language", data={"csrf_token": token, "language": "fr", "next": "/admin/login"}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/admin/login"
    page = client.get("/admin/login").get_data(as_text=True)
    assert '<html lang="fr"' in page and "Se connecter" in page


def test_language_switch_refuses_unknown_languages_and_foreign_next(client):
    token = client.csrf_token()
    assert client.post("/language", data={"csrf_token": token, "language": "xx"}).status_code == 400
    response = client.post(
        "/language", data={"csrf_token": token, "language": "de", "next": "//evil.example"}
    )
    assert response.headers["Location"] == "/admin/login"


def test_browser_language_is_used_for_visitors(client):
    page = client.get("/admin/login", headers={"Accept-Language": "es-ES,es;q=0.9"})
    assert '<html lang="es"' in page.get_data(as_text=True)
