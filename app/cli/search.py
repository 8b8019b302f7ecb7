"""`flask --app wsgi search rebuild`: write every customer's search terms again."""

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.services.customers.search import rebuild_search_terms


@click.group()
def search():
    """Customer search."""


@search.command("rebuild")
@click.option("--batch", type=click.IntRange(1), default=1000, show_default=True,
              help="Customers per transaction.")  # fmt: skip
@with_appcontext
def rebuild(batch: int):
    """Write every customer's search terms again from the customer, its contacts and its
    searchable custom fields (when `check-data` finds them off: every change keeps them up to
    date otherwise). A transaction per batch, so other writes wait at most one batch."""
    done = 0
    for so_far in rebuild_search_terms(batch):
        db.session.commit()
        done = so_far
    click.echo(f"{done} customer(s) reindexed.")
