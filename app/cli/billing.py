"""`flask --app wsgi billing …`: the billing loop's daily work, for operators (the worker runs
the same code hourly; a second run makes and sends nothing more)."""

import click
from flask.cli import with_appcontext

from app.extensions import db
from app.services.integrity.balances import rebuild_balances
from app.services.integrity.group_sales import rebuild_group_sales
from app.services.integrity.tallies import rebuild_customer_counts, rebuild_tallies
from app.services.recurring.run import run_due
from app.services.sales.reminder_schedule import company_today
from app.services.sales.reminders import send_payment_reminders


@click.group("billing")
def billing():
    """Recurring invoices, payment reminders and customer balances."""


@billing.command("run")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Make what is due on this day (YYYY-MM-DD, not after today in the company's "
                   "time zone; default: today).")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Make at most this many invoices (the rest on the next run).")  # fmt: skip
@with_appcontext
def run(day, limit):
    """Make every recurring invoice due, each once, catching up missed dates. A day after today
    is refused: it would make invoices dated in the future."""
    today = company_today()
    if day is not None and day.date() > today:
        raise click.BadParameter(
            f"{day.date().isoformat()} is after today ({today.isoformat()}, company time zone): "
            "invoices are not made ahead of their date.", param_hint="--date",
        )  # fmt: skip
    summary = run_due(day.date() if day else today, limit)
    click.echo(str(summary))


@billing.command("remind")
@with_appcontext
def remind():
    """Queue the payment reminders due today (once per invoice and stage)."""
    click.echo(f"{send_payment_reminders()} invoice(s) reminded")


@billing.command("rebuild-balances")
@with_appcontext
def rebuild():
    """Recompute every customer balance from the invoices and credit notes (when `check-data`
    finds them off: the database keeps them up to date by itself otherwise)."""
    count = rebuild_balances()
    db.session.commit()
    click.echo(f"{count} customer balance(s) rebuilt from the documents.")


@billing.command("rebuild-tallies")
@with_appcontext
def rebuild_document_tallies():
    """Recompute the document tallies and the customer counts the lists count from (when
    `check-data` finds them off: the database keeps them up to date by itself otherwise)."""
    count = rebuild_tallies()
    db.session.commit()  # one table held at a time (an import writes customers, then invoices)
    rebuild_customer_counts()
    db.session.commit()
    click.echo(
        f"{count} document tally row(s) rebuilt from the documents, "
        "and the customer counts from the customers."
    )


@billing.command("rebuild-group-sales")
@with_appcontext
def rebuild_groups():
    """Recompute the groups' sales summary (the dashboard's top groups card) from the invoices
    (when `check-data` finds it off: the database keeps it up to date by itself otherwise)."""
    count = rebuild_group_sales()
    db.session.commit()
    click.echo(f"{count} group sales row(s) rebuilt from the invoices.")
