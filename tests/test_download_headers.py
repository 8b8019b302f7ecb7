"""Downloads are never cached, HTTPS sites ask for HTTPS only, servers hide their version."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.access import ACCESS, customer_objects, real_url, settings_objects
from tests.conftest import free_port
from tests.factories import make_admin, make_customer, make_portal_contact
from tests.jobs.conftest import ROOT, app_env, sign_in_headers, wait_for


@pytest.fixture
def ids(ctx):
    customer = make_customer(company="Acme")
    contact = make_portal_contact(customer)
    return {**customer_objects(customer, contact), **settings_objects(), "contact": contact}


def downloads(app, client, ids, classes):
    """Every GET route of `classes` that answers a file: {url: its Cache-Control}."""
    found = {}
    for rule in app.url_map.iter_rules():
        if ACCESS.get(rule.endpoint) in classes and "GET" in rule.methods:
            url = real_url(rule, ids)
            with client.get(url) as response:
                if "Content-Disposition" in response.headers:
                    found[url] = response.headers.get("Cache-Control")
    return found


def test_staff_downloads_are_not_cached(app, client, ids, login_as):
    login_as(make_admin())
    found = downloads(app, client, ids, {"staff", "admin"})
    assert {"/admin/customers/export.csv", "/admin/reports/customer-groups.csv"} <= set(found)
    # invoice, estimate, proposal, credit note, contract, statement
    assert sum(url.endswith("/pdf") for url in found) == 6
    assert any("attachment" in url for url in found)
    assert set(found.values()) == {"private, no-store"}, found


def test_portal_downloads_are_not_cached(app, client, ids, login_as):
    login_as(ids["contact"])
    found = downloads(app, client, ids, {"contact"})
    assert sum(url.endswith("/pdf") for url in found) == 6  # as staff: all six kinds
    assert any("attachment" in url for url in found)
    assert set(found.values()) == {"private, no-store"}, found


def test_downloads_name_their_charset_once(app, client, ids, login_as):
    """A spreadsheet reads "text/csv; charset=utf-8", not the charset twice."""
    login_as(make_admin())
    with client.get("/admin/customers/export.csv") as response:
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    with client.get("/admin/reports/customer-groups.csv") as response:
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_hsts_follows_the_base_url(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", "https://crm.example.com")
    assert client.get("/admin/login").headers["Strict-Transport-Security"] == "max-age=31536000"
    monkeypatch.setitem(app.config, "BASE_URL", "http://127.0.0.1:5000")
    assert "Strict-Transport-Security" not in client.get("/admin/login").headers


def test_production_server_names_no_version(app, tmp_path):
    """gunicorn, as the README's unit starts it, names itself without its version."""
    port = free_port()
    env = app_env(app, tmp_path / "queue.db")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "-w", "1", "-b", f"127.0.0.1:{port}", "wsgi:app"]
    with subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True) as server:
        try:
            assert wait_for(lambda: sign_in_headers(port) is not None)
            assert sign_in_headers(port)["Server"] == "gunicorn"
        finally:
            server.terminate()
            server.communicate(timeout=30)
