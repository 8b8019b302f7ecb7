"""`make run` (scripts/serve.sh) serves the web app and a worker; Ctrl-C stops both."""

import http.client
import os
import signal
import subprocess
import sys

from tests.conftest import free_port
from tests.jobs.conftest import ROOT, wait_for


def answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/admin/login")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def test_one_command_runs_both_and_ctrl_c_stops_both(app, tmp_path):
    port = free_port()
    env = dict(
        os.environ,
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        QUEUE_URL=f"sqlite:///{tmp_path / 'queue.db'}",
        SECRET_KEY="serve-test-secret-key-0123456789",
        PORT=str(port),
    )
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    with subprocess.Popen(
        ["scripts/serve.sh", *flask], cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    ) as served:  # fmt: skip
        try:
            assert wait_for(lambda: answers(port))
        finally:
            os.killpg(served.pid, signal.SIGINT)  # Ctrl-C reaches the terminal's process group
            log, _ = served.communicate(timeout=30)
    assert served.returncode == 0, log
    assert "Huey consumer started" in log and "Consumer exiting" in log
    group = subprocess.run(["ps", "-o", "pid=", "-g", str(served.pid)], capture_output=True)
    assert group.stdout.strip() == b""  # neither the web server nor the worker is left
