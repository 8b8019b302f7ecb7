"""Fixtures: a real app on SQLite (or TEST_DATABASE_URL), a real SMTP server, clean tables."""

import email
import email.policy
import os
import re
import socket
import threading
from functools import cache

import pytest
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import literal, select, text, union_all

from app import create_app
from app.config import config_for_tests
from app.extensions import db, limiter
from app.models import Role, RolePermission
from app.services.roles import ensure_built_in
from tests.factories import empty_tables


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []
        self.greetings = []  # the name each client gave in EHLO
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
            self.greetings.append(session.host_name)
        return "250 OK"

    def clear(self):
        with self.lock:
            self.messages.clear()
            self.greetings.clear()

    def only(self):
        """The single message received so far."""
        assert len(self.messages) == 1, f"expected one email, got {len(self.messages)}"
        return self.messages[0]


def pytest_addoption(parser):
    parser.addoption(
        "--database-only",
        action="store_true",
        help="run only the tests that use the database (the second database's run skips the rest)",
    )


def pytest_collection_modifyitems(config, items):
    """With --database-only, leave out the tests that never reach the app's database: they
    already ran once on SQLite, and their result cannot depend on the database."""
    if not config.getoption("--database-only"):
        return
    kept, left = [], []
    for item in items:
        (kept if "app" in getattr(item, "fixturenames", ()) else left).append(item)
    config.hook.pytest_deselected(items=left)
    items[:] = kept


@pytest.fixture(scope="session")
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture(scope="session")
def app(smtp, tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    )
    instance = tmp_path_factory.mktemp("instance")  # never the developer's instance/ files
    application = create_app({**config_for_tests(url, smtp.port), "INSTANCE_PATH": str(instance)})
    with application.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()  # the schema comes from the migrations, as in production
    application.test_client_class = Client  # every app.test_client() posts forms like a browser
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def second(app):
    """A second app (another worker or server) on the same database, with its own memory."""
    other = create_app({**app.config, "INSTANCE_PATH": app.instance_path})
    other.test_client_class = app.test_client_class
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def inbox(smtp):
    return smtp.handler


@pytest.fixture(autouse=True)
def _clean(request, smtp):
    """Each test starts with empty tables, no throttling history and an empty inbox."""
    smtp.handler.clear()
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            seeded = _emptied(conn)
        if not seeded:
            ensure_built_in()  # the shipped roles the migration seeds
            db.session.commit()
            with db.engine.connect() as conn:
                _SEEDED_ROLES[:] = [_roles_as_seeded(conn)]
        limiter.reset()


_SEEDED_ROLES: list = []  # the roles tables' rows as the last seeding left them


def _roles_as_seeded(conn) -> tuple:
    return (
        conn.execute(select(Role.id, Role.key, Role.name).order_by(Role.id)).all(),
        conn.execute(select(RolePermission.__table__).order_by(*RolePermission.__table__.c)).all(),
    )


@cache
def _tables_with_rows():
    """One statement naming (by position, children first) the tables that hold a row."""
    tables = list(reversed(db.metadata.sorted_tables))
    probes = [
        select(literal(i)).where(select(literal(1)).select_from(t).exists())
        for i, t in enumerate(tables)
    ]
    return tables, union_all(*probes)


def _emptied(conn) -> bool:
    """Delete the rows of every table that holds any (deleting from all 67 cost each test about
    25 ms); the roles the test left as seeded stay (seeding them again cost another 25 ms).
    The customer counts' one row is set back to zero, as the migration leaves it
    (factories.empty_tables). Whether the roles stayed."""
    tables, statement = _tables_with_rows()
    full = [tables[i] for i in sorted(conn.execute(statement).scalars())]
    roles = {Role.__table__, RolePermission.__table__}
    kept = roles <= set(full) and [_roles_as_seeded(conn)] == _SEEDED_ROLES
    empty_tables(conn, [table for table in full if not (kept and table in roles)])
    return kept


@pytest.fixture
def ctx(app):
    """An application context for factories and direct service calls."""
    with app.app_context():
        yield
        db.session.remove()


class Client(FlaskClient):
    """Test client giving each request its own app context, as a real server does."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)

    def csrf_token(self, path: str = "/admin/login", **kwargs) -> str:
        """The CSRF token of this client's session, read from a page."""
        page = self.get(path, **kwargs).get_data(as_text=True)
        match = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert match, "page has no csrf-token meta tag"
        return match.group(1)

    def post_form(
        self, path: str, data: dict | None = None, token_from: str | None = None, **kwargs
    ):
        """POST a form with a valid CSRF token, like a browser would."""
        payload = dict(data or {})
        # The token comes from a plain page view (no HX-Request), asked of the same host.
        headers = {k: v for k, v in (kwargs.get("headers") or {}).items() if k == "Host"}
        payload.setdefault(
            "csrf_token", self.csrf_token(token_from or "/admin/login", headers=headers)
        )
        return self.post(path, data=payload, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = Client
    return app.test_client()


@pytest.fixture
def login_as(client, app):
    """Sign a staff member or contact into `client` (the login form has its own tests)."""

    def sign_in(person):
        from tests.factories import make_sign_in

        with app.app_context():
            identity = make_sign_in(person)
        with client.session_transaction() as session:
            session["_user_id"] = identity
            session["_fresh"] = True
        return client

    return sign_in


@pytest.fixture
def queue(app):
    """The app's Huey with immediate mode off: jobs wait in instance/queue.db until run."""
    huey = app.extensions["huey"]
    huey.immediate = False  # storage becomes the SQLite file QUEUE_URL names
    huey.flush()
    yield huey
    huey.flush()
    huey.immediate = True
