"""`flask --app wsgi billing …`: the billing loop's daily work, for operators (the worker runs
the same code hourly; a second run makes and sends nothing more)."""

from datetime import date

import click
from flask.cli import with_appcontext

from app.services.recurring.run import run_due
from app.services.sales.reminders import send_payment_reminders


@click.group("billing")
def billing():
    """Recurring invoices and payment reminders."""


@billing.command("run")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Make what is due on this day (YYYY-MM-DD; default: today).")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Make at most this many invoices (the rest on the next run).")  # fmt: skip
@with_appcontext
def run(day, limit):
    """Make every recurring invoice due, each once, catching up missed dates."""
    summary = run_due(day.date() if day else date.today(), limit)
    click.echo(str(summary))


@billing.command("remind")
@with_appcontext
def remind():
    """Queue the payment reminders due today (once per invoice and stage)."""
    click.echo(f"{send_payment_reminders()} invoice(s) reminded")
