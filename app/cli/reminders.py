"""`flask --app wsgi reminders`: remind staff of contracts ending soon (as the worker, hourly)."""

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.services.contracts.reminders import queue_reminders, reminder_days
from app.services.mail.outbox import send_due


@click.command("reminders")
@with_appcontext
def reminders():
    """Queue one email per contract ending soon (once per contract), then send the outbox."""
    queued = queue_reminders()  # its links come from BASE_URL: no request needed
    db.session.commit()
    sent, failed = send_due()
    click.echo(
        f"{queued} contract(s) ending within {reminder_days()} days; "
        f"outbox: {sent} sent, {failed} failed (kept for a later try)."
    )
