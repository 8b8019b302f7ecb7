"""The job queue: Huey on a SQLite file (the default) or on Redis, chosen by QUEUE_URL.

Tasks run in the worker (`flask --app wsgi worker`), each inside its own app context. A request
never runs them: it enqueues, and the worker picks the job up within a second or two.
"""

from functools import partial, wraps
from pathlib import Path

from flask import Flask, current_app, has_app_context
from huey import Huey, RedisHuey, SqliteHuey
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.after_commit import PENDING_KEY
from app.jobs.tasks import PERIODIC, TASKS

QUEUE_NAME = "comptoir"
# Huey options per task. A reset link mailed hours late is worse than none (the person asks
# again): a reset request the worker has not started within the hour is dropped.
TASK_OPTIONS = {"password_reset_request": {"expires": 3600}}


def make_huey(app: Flask) -> Huey:
    """The Huey instance QUEUE_URL asks for (a SQLite file in instance/ when unset)."""
    url = app.config.get("QUEUE_URL") or f"sqlite:///{Path(app.instance_path) / 'queue.db'}"
    # Immediate mode (tests): a job runs as soon as it is enqueued, in memory.
    immediate = bool(app.config.get("QUEUE_IMMEDIATE"))
    # Results are never read: storing them would only grow the queue's storage.
    options = {"name": QUEUE_NAME, "results": False, "immediate": immediate}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(url=url, **options)
    if url.startswith("sqlite:///"):
        return SqliteHuey(filename=url.removeprefix("sqlite:///"), **options)
    raise RuntimeError(f"QUEUE_URL must start with sqlite:/// or redis://, not {url!r}")


def in_job_context(app: Flask, function):
    """Run `function` in a fresh app context (links in emails come from app.links.external_url,
    built on BASE_URL: no request is needed, and none is faked)."""

    @wraps(function)
    def run(*args):
        # Its own app context: its own database session, even when a test runs it inline.
        with app.app_context():
            return function(*args)

    return run


def configure_jobs(app: Flask) -> None:
    """Build the queue, register every task on it, and enqueue outbox rows after each commit."""
    huey = make_huey(app)
    tasks = {
        name: huey.task(name=name, **TASK_OPTIONS.get(name, {}))(in_job_context(app, fn))
        for name, fn in TASKS.items()
    }
    for name, (schedule, fn) in PERIODIC.items():
        # One run at a time: a sweep that outlasts its minute makes the next one skip (Huey
        # logs "not run, unable to acquire lock") instead of piling up on the workers. The
        # lock of a worker killed mid-sweep is freed when the scheduler starts (cli/worker.py).
        locked = huey.lock_task(name)(in_job_context(app, fn))
        huey.periodic_task(schedule, name=name)(locked)
    app.extensions["huey"] = huey
    app.extensions["jobs"] = tasks
    if not event.contains(Session, "after_commit", enqueue_committed_jobs):
        event.listen(Session, "after_commit", enqueue_committed_jobs)
        event.listen(Session, "after_rollback", forget_rolled_back_jobs)


def enqueue(name: str, *args) -> None:
    """Put one job on the queue of the current app."""
    current_app.extensions["jobs"][name](*args)


def later(name: str, *first_args):
    """A callable that enqueues job `name` with these first arguments (for view helpers)."""
    return partial(enqueue, name, *first_args)


def enqueue_committed_jobs(session: Session) -> None:
    """After a commit, hand the jobs it asked for (outbox rows, images to re-encode) to the queue;
    what it wrote is safe, and a periodic sweep does what could not be enqueued. A savepoint's
    release fires this event too: its jobs wait for the real commit."""
    if session.in_nested_transaction():
        return
    jobs = session.info.pop(PENDING_KEY, None)
    if not jobs or not has_app_context() or "jobs" not in current_app.extensions:
        return
    try:
        for name, args in jobs:
            enqueue(name, *args)
    except Exception:  # the change is saved: the sweeps pick up what was not enqueued
        current_app.logger.exception("Jobs %s not enqueued; the sweeps do them", jobs)


def forget_rolled_back_jobs(session: Session) -> None:
    """A rolled-back transaction wrote nothing: nothing to run. A savepoint rolled back leaves
    the jobs asked for before it (and, harmlessly, within it: every job finds what is there)."""
    if session.in_nested_transaction():
        return
    session.info.pop(PENDING_KEY, None)
