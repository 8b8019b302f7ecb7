"""A role's capabilities are kept per app process (app/models/role.py `Role.granted`), yet a
change made through another app on the same database shows at its next request, and in the
transaction that made it at once: on SQLite and PostgreSQL. A staff member's request reads no
permissions."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import delete, event, text

from app.extensions import db
from app.models import Role, RolePermission, User
from app.services.roles import built_in_role
from app.services.sessions import load_identity
from tests.factories import make_admin, make_customer, make_role, make_sign_in, make_user


@pytest.fixture
def member(app, second):
    """A "Billing" member who sees the customers, signed in through both apps; `member(through,
    url)` is the status of a page, and an administrator edits roles through the first app."""
    with app.app_context():
        role = make_role([("customers", "view_all")], name="Billing")
        user = make_user(role=role)
        make_customer(company="Alpha Atelier")
        identity, admin_identity = make_sign_in(user), make_sign_in(make_admin())
        role_id, user_id = role.id, user.id
    clients = {"first": app.test_client(), "second": second.test_client(),
               "admin": app.test_client()}  # fmt: skip
    for name, client in clients.items():
        with client.session_transaction() as session:
            session["_user_id"] = admin_identity if name == "admin" else identity
            session["_fresh"] = True

    def status(through: str, url: str = "/admin/customers") -> int:
        return clients[through].get(url).status_code

    status.role_id, status.user_id, status.identity = role_id, user_id, identity
    status.admin = clients["admin"]
    return status


def test_a_capability_taken_in_the_role_editor_is_refused_by_every_app_at_once(member):
    assert member("second") == 200 and member("second") == 200  # the second app keeps it
    assert member("second", "/admin/invoices") == 403
    response = member.admin.post_form(f"/admin/staff/roles/{member.role_id}",
                                      {"name": "Billing", "invoices.view": "all"},
                                      token_from="/admin/")  # fmt: skip
    assert response.status_code == 303
    assert member("admin", response.headers["Location"]) == 200  # the editor's own redirect
    assert member("second") == 403 and member("first") == 403
    assert member("second", "/admin/invoices") == 200


def test_a_capability_given_through_plain_sql_shows_at_the_next_request(app, member):
    assert member("second", "/admin/invoices") == 403
    with app.app_context():
        db.session.execute(
            text(
                "INSERT INTO role_permissions (role_id, module, action) "
                "VALUES (:id, 'invoices', 'view_all')"
            ),
            {"id": member.role_id},
        )
        db.session.commit()  # fmt: skip
    assert member("second", "/admin/invoices") == 200
    assert member("first", "/admin/invoices") == 200


def test_a_member_given_another_role_or_a_deleted_role_s_id_gets_that_role_s(app, member):
    assert member("second") == 200
    assert member("second", "/admin/invoices") == 403
    with app.app_context():
        db.session.get(User, member.user_id).role = built_in_role("accounting")
        db.session.commit()
    assert member("second", "/admin/invoices") == 200
    with app.app_context():  # Billing deleted; a new role (SQLite gives it Billing's id again)
        db.session.execute(delete(Role).where(Role.id == member.role_id))
        db.session.get(User, member.user_id).role = make_role([("support", "view_all")])
        db.session.commit()
    assert member("second") == 403 and member("second", "/admin/invoices") == 403
    assert member("second", "/admin/tickets") == 200


def test_a_change_shows_in_its_own_transaction_and_a_rollback_never_shows(second, member):
    assert member("second") == 200
    with second.test_request_context():
        user = load_identity(member.identity)  # as a request loads it: permissions not loaded
        assert user.can("customers", "view")
        db.session.execute(delete(RolePermission).where(RolePermission.role_id == member.role_id))
        assert not user.can("customers", "view")
        db.session.rollback()
    assert member("second") == 200 and member("first") == 200


def test_a_staff_member_s_request_reads_no_permissions(app, member):
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    member("first")
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert member("first") == 200 and member("first", "/admin/invoices") == 403
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert statements and not [s for s in statements if "role_permissions" in s]


def test_plain_sql_is_seen_after_the_migration_goes_down_and_up(app, member):
    assert member("second") == 200
    with app.app_context():
        db.session.remove()
        downgrade(revision="0046_cache_version")  # the revision before 0047
        upgrade()
        db.session.execute(text("DELETE FROM role_permissions WHERE role_id = :id"),
                           {"id": member.role_id})  # fmt: skip
        db.session.commit()
    assert member("second") == 403
