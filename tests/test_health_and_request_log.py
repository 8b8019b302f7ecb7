"""/healthz says whether the app can serve (database, migrations, queue, outbox); every request
leaves one line on stdout with its id, and no secret from its URL; error pages show that id;
a database that does not answer gives a 503 "try again" page, never a 500."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import text

from app import create_app
from app.config import config_for_tests
from app.extensions import db
from app.models.types import utcnow
from app.services.schema_version import code_head
from tests.conftest import Client, free_port
from tests.factories import make_customer, make_outbox_message

LINE = re.compile(
    r"request_id=(?P<id>\S+) method=(?P<method>\S+) path=(?P<path>\S+) "
    r"status=(?P<status>\d+) duration_ms=(?P<ms>[\d.]+)"
)


def _lines(capsys) -> list[dict]:
    return [match.groupdict() for match in LINE.finditer(capsys.readouterr().out)]


def test_healthz_is_200_when_everything_holds(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    report = response.get_json()
    assert report["status"] == "ok"
    assert set(report["checks"]) == {"database", "migrations", "queue", "outbox"}
    assert all(check["ok"] for check in report["checks"].values())
    assert report["checks"]["outbox"]["oldest_unsent_seconds"] == 0


def test_healthz_only_shows_status_words_and_numbers(client, ctx):
    make_outbox_message(make_customer(company="Secret Client"), subject="Private matter")
    body = client.get("/healthz").get_data(as_text=True)
    assert "Secret" not in body and "Private" not in body and code_head() not in body

    def leaves(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from leaves(item)
        else:
            yield value

    report = client.get("/healthz").get_json()
    assert all(isinstance(v, bool | int) or v in {"ok", "unhealthy"} for v in leaves(report))


def test_an_email_waiting_too_long_makes_it_unhealthy(client, ctx, app):
    message = make_outbox_message(make_customer())
    message.created_at = utcnow() - timedelta(hours=2)
    db.session.commit()
    response = client.get("/healthz")
    assert response.status_code == 503
    outbox = response.get_json()["checks"]["outbox"]
    assert outbox == {"ok": False, "oldest_unsent_seconds": pytest.approx(7200, abs=60)}
    message.sent_at = utcnow()  # sent: nothing waits any more
    db.session.commit()
    assert client.get("/healthz").status_code == 200


def test_a_database_behind_the_code_is_unhealthy(client, ctx):
    older = "0019_contact_email_preferences"
    db.session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": older})
    db.session.commit()
    try:
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.get_json()["checks"]["migrations"] == {"ok": False}
        assert response.get_json()["checks"]["database"] == {"ok": True}
    finally:
        db.session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": code_head()})
        db.session.commit()


@pytest.fixture
def app_on(tmp_path, smtp):
    """Make another app on `database_url` (its connections closed afterwards)."""
    made = []

    def make(database_url: str, **config):
        settings = {**config_for_tests(database_url, smtp.port), "INSTANCE_PATH": str(tmp_path)}
        application = create_app({**settings, **config})
        application.config["TESTING"] = False  # errors become pages, as in production
        made.append(application)
        return application

    yield make
    for application in made:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


DOWN = {
    "sqlite": lambda tmp: f"sqlite:///{tmp / 'missing-directory' / 'comptoir.db'}",
    "postgresql": lambda tmp: f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/comptoir",
}


@pytest.mark.parametrize("kind", DOWN)
def test_healthz_and_pages_answer_503_while_the_database_is_down(tmp_path, app_on, kind, capsys):
    application = app_on(DOWN[kind](tmp_path))
    application.test_client_class = Client
    health = application.test_client().get("/healthz")
    assert health.status_code == 503
    checks = health.get_json()["checks"]
    assert checks["database"] == {"ok": False} and checks["queue"]["ok"] is True
    capsys.readouterr()
    pages = [("s:1:key", "/admin/"), ("c:1:key", "/clients/"), ("s:1:key", "/admin/no-such-page")]
    for identity, path in pages:  # a signed-in person: who they are is in the database
        client = application.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = identity, True
        page = client.get(path, headers={"Accept-Language": "fr"})
        assert page.status_code == 503, path
        assert page.headers["Retry-After"] == "30"
        html = page.get_data(as_text=True)
        assert "Réessayez dans un instant" in html
        assert f"Référence\u00a0: {page.headers['X-Request-ID']}" in html
    logged = _lines(capsys)
    assert [line["status"] for line in logged] == ["503"] * 3


def test_an_unreachable_queue_is_unhealthy(app_on, app):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    redis = f"redis://127.0.0.1:{free_port()}/0"
    application = app_on(url, QUEUE_URL=redis, QUEUE_IMMEDIATE=False)
    response = application.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["queue"] == {"ok": False}
    assert response.get_json()["checks"]["database"] == {"ok": True}


def test_each_request_logs_one_line_with_its_id(client, capsys):
    capsys.readouterr()
    response = client.get("/admin/login?next=/admin/customers&secret=1")
    generated = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    mine = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.42"})
    assert mine.headers["X-Request-ID"] == "lb-7f3a.42"
    odd = client.get("/healthz", headers={"X-Request-ID": "bad id with=spaces"})
    assert odd.headers["X-Request-ID"] != "bad id with=spaces"
    lines = _lines(capsys)
    assert len(lines) == 3
    first, second, third = lines
    assert first["id"] == generated and first["method"] == "GET"
    assert first["path"] == "/admin/login" and first["status"] == "200"  # no query string
    assert float(first["ms"]) > 0
    assert second["id"] == "lb-7f3a.42" and second["path"] == "/healthz"
    assert third["id"] == odd.headers["X-Request-ID"]


@pytest.mark.parametrize(
    "path, shown",
    [
        ("/admin/reset-password/Ik1.abc-def_SECRET", "/admin/reset-password/[hidden]"),
        ("/clients/set-password/SECRET.xyz", "/clients/set-password/[hidden]"),
        ("/admin/invitation/SECRET", "/admin/invitation/[hidden]"),
        ("/admin/confirm-email/SECRET", "/admin/confirm-email/[hidden]"),
        ("/admin/reset-password/SECRET/extra", "/admin/reset-password/[hidden]/extra"),
    ],
)
def test_tokens_in_paths_never_reach_the_log(client, capsys, path, shown):
    capsys.readouterr()
    client.get(path)
    out = capsys.readouterr().out
    assert "SECRET" not in out
    assert _lines_from(out)[0]["path"] == shown


def _lines_from(out: str) -> list[dict]:
    return [match.groupdict() for match in LINE.finditer(out)]


def test_error_pages_show_the_request_id(client, capsys):
    page = client.get("/admin/no-such-page", headers={"X-Request-ID": "support-123"})
    assert page.status_code == 404
    assert "Reference: support-123" in page.get_data(as_text=True)
