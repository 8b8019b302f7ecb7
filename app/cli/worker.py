"""`flask --app wsgi worker`: run the job queue's consumer (mail, reminders, later billing)."""

import logging

import click
from flask import current_app
from flask.cli import with_appcontext
from huey import SqliteHuey


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Jobs run at the same time.")
@click.option(
    "--no-periodic",
    is_flag=True,
    help="Run jobs only: another worker is the one scheduler of periodic tasks.",
)
@with_appcontext
def worker(workers: int, no_periodic: bool):
    """Run queued jobs and, unless --no-periodic, the periodic ones (outbox sweep, reminders)."""
    huey = current_app.extensions["huey"]
    if huey.immediate:
        raise click.UsageError("QUEUE_IMMEDIATE is on: jobs run in the web process, no worker.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # SQLite storage is polled, not pushed: look at least once a second so mail leaves promptly.
    max_delay = 1.0 if isinstance(huey, SqliteHuey) else 10.0
    consumer = huey.create_consumer(
        workers=workers,
        periodic=not no_periodic,
        # A sweep's lock outlives a worker killed mid-sweep (SQLite storage has no lock TTL):
        # the scheduler's worker frees them when it starts again.
        flush_locks=not no_periodic,
        max_delay=max_delay,
        worker_type="thread",
        graceful_signal="TERM",  # systemd stops with TERM: let the running jobs finish
    )
    consumer.run()  # until TERM (running jobs finish) or INT (Ctrl-C, at once)
