"""`make run` (scripts/serve.sh) serves the web app and a worker; Ctrl-C stops both."""

import os
import re
import signal
import subprocess
import sys

from tests.conftest import free_port
from tests.jobs.conftest import ROOT, app_env, sign_in_headers, wait_for


def ctrl_c_as_in_a_terminal() -> None:
    """A shell started with SIGINT ignored (a background job, a CI runner) cannot trap it: give
    serve.sh the terminal's default, as `make run` typed at a prompt has."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_one_command_runs_both_and_ctrl_c_stops_both(app, tmp_path):
    port = free_port()
    env = app_env(app, tmp_path / "queue.db", PORT=str(port))
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    log_path = tmp_path / "serve.log"
    worker = None
    with log_path.open("w") as log_file, subprocess.Popen(
        ["scripts/serve.sh", *flask], cwd=ROOT, env=env, start_new_session=True,
        stdout=log_file, stderr=subprocess.STDOUT, text=True,
        preexec_fn=ctrl_c_as_in_a_terminal,
    ) as served:  # fmt: skip
        try:  # both are up: the web app answers and the worker says so (it may start later)
            assert wait_for(lambda: sign_in_headers(port) is not None)
            assert wait_for(lambda: "Huey consumer started" in log_path.read_text())
            started = re.search(r"Huey consumer started with .*PID (\d+)", log_path.read_text())
            worker = int(started.group(1))
            # Ctrl-C goes to the terminal's process group (here the script's): not the worker's.
            assert os.getpgid(worker) != served.pid
        finally:
            os.killpg(served.pid, signal.SIGINT)  # Ctrl-C reaches the terminal's process group
            try:
                served.wait(timeout=30)
            except subprocess.TimeoutExpired:  # never leave them running, whatever failed
                os.killpg(served.pid, signal.SIGKILL)
                if worker:
                    os.kill(worker, signal.SIGKILL)
                raise
    log = log_path.read_text()
    assert served.returncode == 0, log
    assert "Consumer exiting" in log
    # Only the TERM of serve.sh reached the worker (Huey's SIGINT would interrupt a running job).
    assert "Received SIGTERM" in log and "Shutting down gracefully" in log
    assert "Received SIGINT" not in log
    assert not os.path.exists(f"/proc/{worker}")  # in its own group, the check below misses it
    group = subprocess.run(["ps", "-o", "pid=", "-g", str(served.pid)], capture_output=True)
    assert group.stdout.strip() == b""  # nor is the web server
