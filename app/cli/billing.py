"""`flask --app wsgi billing …`: the billing loop's daily work, for operators (the worker runs
the same code hourly)."""

import click
from flask.cli import with_appcontext

from app.services.sales.reminders import send_payment_reminders


@click.group("billing")
def billing():
    """Recurring invoices and payment reminders."""


@billing.command("remind")
@with_appcontext
def remind():
    """Queue the payment reminders due today (once per invoice and stage)."""
    click.echo(f"{send_payment_reminders()} invoice(s) reminded")
