"""A real queue for the tests that are about the queue: SQLite storage, nothing run inline."""

import pytest


@pytest.fixture
def queue(app):
    """The app's Huey with immediate mode off: jobs wait in instance/queue.db until run."""
    huey = app.extensions["huey"]
    huey.immediate = False  # storage becomes the SQLite file QUEUE_URL names
    huey.flush()
    yield huey
    huey.flush()
    huey.immediate = True


def run_queued(huey) -> list[str]:
    """Be a worker until the queue is empty: take each job from storage and run it."""
    names = []
    while (job := huey.dequeue()) is not None:
        names.append(job.name)
        huey.execute(job)
    return names
