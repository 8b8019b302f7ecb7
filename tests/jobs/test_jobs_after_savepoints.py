"""A job waits for the transaction's real commit: a savepoint released or rolled back on the way
(numbering a document, converting one) neither runs it early nor forgets it."""

import pytest

from app.extensions import db
from app.services.locks import savepoint
from app.services.mail.outbox import queue_email


class Undone(Exception):
    """Rolls the savepoint back."""


def queue_one() -> None:
    queue_email("ada@example.com", "Hello", "<p>Hi</p>", "Hi", kind="test")


def test_a_released_savepoint_runs_no_job_before_the_commit(app, ctx, queue):
    queue_one()
    with savepoint():
        db.session.flush()
    assert queue.pending_count() == 0  # the message is not committed yet
    db.session.commit()
    assert queue.pending_count() == 1


def test_a_savepoint_rolled_back_keeps_the_jobs_asked_for_before_it(app, ctx, queue):
    queue_one()
    with pytest.raises(Undone), savepoint():
        raise Undone
    db.session.commit()
    assert queue.pending_count() == 1


def test_the_transaction_rolled_back_after_a_savepoint_enqueues_nothing(app, ctx, queue):
    queue_one()
    with savepoint():
        db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert queue.pending_count() == 0
