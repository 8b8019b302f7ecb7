"""`flask --app wsgi reminders`: remind staff of contracts ending soon (as the worker, hourly)."""

import click
from flask import current_app
from flask.cli import with_appcontext

from app.extensions import db
from app.services.contracts.reminders import queue_reminders, reminder_days
from app.services.mail.outbox import send_due


@click.command("reminders")
@with_appcontext
def reminders():
    """Queue one email per contract ending soon (once per contract), then send the outbox."""
    # Links in the emails are built like in a request to the configured BASE_URL.
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        queued = queue_reminders()
        db.session.commit()
    sent, failed = send_due()
    click.echo(
        f"{queued} contract(s) ending within {reminder_days()} days; "
        f"outbox: {sent} sent, {failed} failed (kept for a later try)."
    )
