"""Jobs to run once the current transaction commits: services name them, app.jobs enqueues them.

Low in the stack (it imports only the database), so that a service can ask for background work
without importing the job queue. A rollback forgets them; a commit hands them to the queue."""

from app.extensions import db

PENDING_KEY = "after_commit_jobs"  # session.info: (job name, args) this transaction asked for


def run_after_commit(name: str, *args) -> None:
    """Have the job queue run job `name` with `args` once this transaction commits (once, however
    often the transaction asks: every job is idempotent, a second would only repeat it)."""
    pending = db.session.info.setdefault(PENDING_KEY, [])
    if (name, args) not in pending:
        pending.append((name, args))
