"""`flask --app wsgi imports resume`: finish the customer imports whose worker stopped."""

import click
from flask.cli import with_appcontext

from app.services.imports.runs import resume_stale


@click.group("imports")
def imports():
    """Customer imports."""


@imports.command("resume")
@with_appcontext
def resume():
    """Run here, to their end, the imports left running by a worker that stopped (their last
    chunk written more than two minutes ago)."""
    done = resume_stale(enqueue=False)
    click.echo(f"{len(done)} import(s) resumed")
