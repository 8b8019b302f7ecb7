"""`flask --app wsgi reminders`: remind staff of contracts ending soon (as the worker, hourly)
and email the staff reminders due (as the worker, every minute; each once)."""

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.services.contracts.reminders import queue_reminders, reminder_days
from app.services.mail.outbox import batch_summary, send_due
from app.services.reminders.sending import send_due_reminders


@click.command("reminders")
@with_appcontext
def reminders():
    """Queue one email per contract ending soon (once per contract) and per staff reminder due
    (once each time it falls due), then send the outbox."""
    queued = queue_reminders()  # its links come from BASE_URL: no request needed
    db.session.commit()
    click.echo(f"{send_due_reminders()} staff reminder(s) emailed")
    click.echo(
        f"{queued} contract(s) ending within {reminder_days()} days; "
        f"outbox: {batch_summary(send_due())}"
    )
