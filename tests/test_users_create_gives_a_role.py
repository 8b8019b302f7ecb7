"""`flask users create`: `--admin` makes an administrator, `--role` gives a shipped role (by key)
or any role (by name, any case), Team member otherwise; an unknown role creates nobody."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import User
from tests.factories import make_role

STRONG = "a long and unusual passphrase"


def create(app, *options):
    runner = app.test_cli_runner()
    return runner.invoke(args=["users", "create", "ops@example.com", "--password", STRONG,
                               *options])  # fmt: skip


def created() -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == "ops@example.com"))


@pytest.mark.parametrize(
    "options, key",
    [
        (["--admin"], "administrator"),
        ([], "team_member"),
        (["--role", "sales"], "sales"),
        (["--role", "accounting"], "accounting"),
        (["--role", "Support"], "support"),  # a shipped role's name
        (["--admin", "--role", "administrator"], "administrator"),
    ],
)
def test_the_account_gets_the_role_asked_for(app, ctx, options, key):
    result = create(app, *options)
    assert result.exit_code == 0, result.output
    user = created()
    assert user.role.key == key and user.is_admin == (key == "administrator")
    assert user.email in result.output and user.role.display_name in result.output


def test_a_role_made_by_an_administrator_is_found_by_its_name(app, ctx):
    billing = make_role([("invoices", "view_all")], name="Billing")
    result = create(app, "--role", "  billing ")
    assert result.exit_code == 0, result.output
    assert created().role_id == billing.id
    assert "(Billing)" in result.output


def test_an_unknown_role_creates_nobody(app, ctx):
    result = create(app, "--role", "Astronaut")
    assert result.exit_code != 0
    assert "Unknown role: Astronaut." in result.output and "sales" in result.output
    assert created() is None


def test_admin_with_another_role_is_refused(app, ctx):
    result = create(app, "--admin", "--role", "sales")
    assert result.exit_code != 0 and "--admin" in result.output
    assert created() is None
