"""`flask --app wsgi mail send-outbox`: send what is due now (as the worker's sweep does)."""

import click
from flask.cli import with_appcontext

from app.services.mail.outbox import batch_summary, send_due


@click.group()
def mail():
    """Email commands."""


@mail.command("send-outbox")
@click.option("--limit", default=200, help="At most this many messages per run.")
@with_appcontext
def send_outbox(limit: int):
    """Send every message of the outbox whose time has come; failures are retried later."""
    click.echo(batch_summary(send_due(limit)))
