"""A real queue for the tests that are about the queue: SQLite storage, nothing run inline."""

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # where `flask --app wsgi` finds wsgi.py


def run_queued(huey) -> list[str]:
    """Be a worker until the queue is empty: take each job from storage and run it."""
    names = []
    while (job := huey.dequeue()) is not None:
        names.append(job.name)
        huey.execute(job)
    return names


def wait_for(condition, seconds: float = 20) -> bool:
    """Poll `condition` until it holds or `seconds` pass (for a worker in another process)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def app_env(app, queue: Path, **extra: str) -> dict:
    """The environment of an app process (server or worker) on the tests' database."""
    return dict(
        os.environ,
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        QUEUE_URL=f"sqlite:///{queue}",
        SECRET_KEY="app-process-test-secret-key-0123456789",
        **extra,
    )


def sign_in_headers(port: int) -> dict | None:
    """The headers of the sign-in page served on 127.0.0.1:`port`; None until it answers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/admin/login")
        response = connection.getresponse()
        return dict(response.getheaders()) if response.status == 200 else None
    except OSError:
        return None
    finally:
        connection.close()


def start_worker(app, mail_port: int) -> subprocess.Popen:
    """`flask --app wsgi worker --no-periodic` in its own process, on the tests' database."""
    env = dict(
        os.environ,
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        QUEUE_URL=f"sqlite:///{Path(app.instance_path) / 'queue.db'}",
        SECRET_KEY="worker-test-secret-key-0123456789",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(mail_port),
        BASE_URL=app.config["BASE_URL"],
    )
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--no-periodic"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
