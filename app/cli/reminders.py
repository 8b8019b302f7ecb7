"""`flask --app wsgi reminders`: remind staff of contracts ending soon (as the worker, hourly)."""

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.services.contracts.reminders import queue_reminders, reminder_days
from app.services.mail.outbox import batch_summary, send_due


@click.command("reminders")
@with_appcontext
def reminders():
    """Queue one email per contract ending soon (once per contract), then send the outbox."""
    queued = queue_reminders()  # its links come from BASE_URL: no request needed
    db.session.commit()
    click.echo(
        f"{queued} contract(s) ending within {reminder_days()} days; "
        f"outbox: {batch_summary(send_due())}"
    )
