"""`flask --app wsgi worker` is a real consumer: delivers what the app enqueued, stops on Ctrl-C."""

import signal

from app.extensions import db
from app.services.mail.outbox import queue_email
from tests.jobs.conftest import start_worker, wait_for


def test_the_worker_delivers_what_a_commit_enqueued_and_stops_on_ctrl_c(
    app, ctx, inbox, smtp, queue
):
    with start_worker(app, smtp.port) as worker:
        try:
            queue_email("ada@example.com", "Hello", "<p>Hi</p>", "Hi", kind="test")
            db.session.commit()
            assert wait_for(lambda: inbox.messages), "the worker sent nothing"
            assert inbox.only()["To"] == "ada@example.com"
        finally:
            worker.send_signal(signal.SIGINT)  # Ctrl-C
            _, log = worker.communicate(timeout=15)
    assert "Executing app.jobs.tasks.deliver_message" in log and "Traceback" not in log
