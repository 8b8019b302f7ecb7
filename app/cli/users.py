"""`flask users create EMAIL --password ... [--admin | --role KEY]`."""

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.services import ValidationError
from app.services.roles import find_role
from app.services.staff import create_staff


@click.group()
def users():
    """Manage staff accounts."""


@users.command("create")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", default="", help="Display name (defaults to the part before @).")
@click.option("--admin", is_flag=True, help="Give the Administrator role (every capability).")
@click.option(
    "--role",
    "role_name",
    default=None,
    help="A shipped role's key (administrator, team_member, sales, support, accounting) or a "
    "role's name; Team member by default.",
)
@click.option("--language", default=None, help="Dashboard language code, e.g. fr.")
@with_appcontext
def create(
    email: str, password: str, name: str, admin: bool, role_name: str | None, language: str | None
):
    """Create a staff member who can sign in at /admin/login."""
    try:
        role = find_role(role_name) if role_name is not None else None
        if admin and role is not None and not role.is_administrator:
            raise click.UsageError("--admin gives the Administrator role: leave out --role.")
        user = create_staff(email, password, name=name, admin=admin, language=language, role=role)
    except ValidationError as exc:
        raise click.ClickException(exc.message) from exc
    db.session.commit()
    kind = "admin" if user.is_admin else "staff member"
    click.echo(f"Created {kind} {user.email} ({user.role.display_name}).")
