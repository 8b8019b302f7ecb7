"""`flask --app wsgi worker` is a real consumer: delivers what the app enqueued, stops on Ctrl-C."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from app.extensions import db
from app.services.mail.outbox import queue_email
from tests.jobs.conftest import ROOT, wait_for


def start_worker(app, smtp) -> subprocess.Popen:
    env = dict(
        os.environ,
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        QUEUE_URL=f"sqlite:///{Path(app.instance_path) / 'queue.db'}",
        SECRET_KEY="worker-test-secret-key-0123456789",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(smtp.port),
        BASE_URL=app.config["BASE_URL"],
    )
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--no-periodic"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)


def test_the_worker_delivers_what_a_commit_enqueued_and_stops_on_ctrl_c(
    app, ctx, inbox, smtp, queue
):
    with start_worker(app, smtp) as worker:
        try:
            queue_email("ada@example.com", "Hello", "<p>Hi</p>", "Hi", kind="test")
            db.session.commit()
            assert wait_for(lambda: inbox.messages), "the worker sent nothing"
            assert inbox.only()["To"] == "ada@example.com"
        finally:
            worker.send_signal(signal.SIGINT)  # Ctrl-C
            _, log = worker.communicate(timeout=15)
    assert "Executing app.jobs.tasks.deliver_message" in log and "Traceback" not in log
