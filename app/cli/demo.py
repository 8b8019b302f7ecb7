"""`flask demo`: idempotent demo data and the staff login to try it with."""

import click
from flask import current_app
from flask.cli import with_appcontext

from app.extensions import db
from app.services.demo import load_demo_data


@click.command()
@with_appcontext
def demo():
    """Load demo customers, contacts, groups and currencies once; print the staff login."""
    result = load_demo_data()
    db.session.commit()
    if result.created:
        click.echo(f"Demo data loaded: {result.customers} customers.")
    click.echo("-" * 60)
    click.echo(f"Comptoir is at {current_app.config['BASE_URL']}/admin/login")
    if result.password:
        click.echo(f"Staff login: {result.email}  password: {result.password}")
    else:
        click.echo(
            f"Staff login: {result.email} (password chosen earlier; "
            "`flask --app wsgi users create` adds another account)"
        )
    if result.sales_password:
        click.echo(
            f"Sales login (Sales role: sees only the customers assigned to them): "
            f"{result.sales_email}  password: {result.sales_password}"
        )
    click.echo("-" * 60)
