"""Migration 0017: administrators get the Administrator role and every other staff member Team
member (what they could do before); going back restores the administrator flag. Run on a
database of its own (a temporary SQLite file; a throwaway PostgreSQL database when the suite
runs on PostgreSQL), so the suite's database never loses its roles."""

import os
import uuid

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, make_url, text

from app import create_app
from app.config import config_for_tests
from app.extensions import db

BEFORE = "0016_customer_admins"
ROLES = "0017_roles"
STAFF = [("ada@example.com", "Ada Admin", True), ("bob@example.com", "Bob Staff", False),
         ("cy@example.com", "Cy Former Admin", True)]  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The address of an empty database of the kind asked for."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'roles.db'}"
        return
    suite = os.environ.get("TEST_DATABASE_URL", "")
    if not suite.startswith("postgresql"):
        pytest.skip("the suite runs on SQLite (scripts/with-postgres.sh runs this on PostgreSQL)")
    name = f"roles_migration_{uuid.uuid4().hex[:8]}"
    server = create_engine(make_url(suite), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(suite).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture
def migrated_app(database_url, smtp, tmp_path):
    other = create_app({**config_for_tests(database_url, smtp.port),
                        "INSTANCE_PATH": str(tmp_path / "instance")})  # fmt: skip
    with other.app_context():
        yield other
        db.session.remove()
        db.engine.dispose()


def rows(sql: str) -> list:
    with db.engine.connect() as conn:
        return conn.execute(text(sql)).all()


def test_staff_get_the_role_matching_their_flag_and_get_it_back(migrated_app):
    upgrade(revision=BEFORE)
    with db.engine.begin() as conn:
        for email, name, admin in STAFF:
            conn.execute(
                text("INSERT INTO users (email, name, is_admin, active, session_token, "
                     "created_at) VALUES (:email, :name, :admin, :active, :token, "
                     "CURRENT_TIMESTAMP)"),
                {"email": email, "name": name, "admin": admin, "active": email != "cy@example.com",
                 "token": uuid.uuid4().hex},
            )  # fmt: skip
    upgrade(revision=ROLES)
    held = dict(rows("SELECT u.email, r.key FROM users u JOIN roles r ON r.id = u.role_id"))
    assert held == {"ada@example.com": "administrator", "bob@example.com": "team_member",
                    "cy@example.com": "administrator"}  # fmt: skip
    shipped = {key for (key,) in rows("SELECT key FROM roles")}
    assert shipped == {"administrator", "team_member", "sales", "support", "accounting"}
    team = {(module, action) for module, action in rows(
        "SELECT p.module, p.action FROM role_permissions p JOIN roles r ON r.id = p.role_id "
        "WHERE r.key = 'team_member'")}  # fmt: skip
    assert ("invoices", "delete") in team and ("reports", "view_all") in team
    assert not {module for module, _action in team} & {"settings", "staff"}
    upgrade()  # later revisions keep the roles
    assert len(rows("SELECT id FROM users WHERE role_id IS NOT NULL")) == 3

    downgrade(revision=BEFORE)
    flags = {email: bool(admin) for email, admin in rows("SELECT email, is_admin FROM users")}
    assert flags == {"ada@example.com": True, "bob@example.com": False, "cy@example.com": True}
    names = {name for (name,) in rows("SELECT name FROM users")}
    assert names == {name for _email, name, _admin in STAFF}
