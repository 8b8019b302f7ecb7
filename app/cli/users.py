"""`flask users create EMAIL --password ... [--admin]`."""

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.services import ValidationError
from app.services.staff import create_staff


@click.group()
def users():
    """Manage staff accounts."""


@users.command("create")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", default="", help="Display name (defaults to the part before @).")
@click.option("--admin", is_flag=True, help="Give access to settings and staff management.")
@click.option("--language", default=None, help="Dashboard language code, e.g. fr.")
@with_appcontext
def create(email: str, password: str, name: str, admin: bool, language: str | None):
    """Create a staff member who can sign in at /admin/login."""
    try:
        user = create_staff(email, password, name=name, admin=admin, language=language)
    except ValidationError as exc:
        raise click.ClickException(exc.message) from exc
    db.session.commit()
    click.echo(f"Created {'admin' if user.is_admin else 'staff member'} {user.email}.")
