"""Load and faults: two gunicorn servers, one Huey worker, PostgreSQL, Redis and an SMTP sink,
all started here on 127.0.0.1, driven by Locust while workers, the database, the mail server
and the job worker are killed or stopped on a schedule; then the checks. Run on demand:

    .venv/bin/python bench/load_faults.py [--minutes 10] [--users 20] [--customers 300]

Writes bench/out/load_faults.md (and logs under bench/out/load_faults/). Stops everything it
started, also on Ctrl-C or an error; never touches a server it did not start.
"""

import argparse
import contextlib
import csv
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RUN = OUT / "load_faults"
VENV = ROOT / ".venv" / "bin"
LOCUST_VENV = OUT / "locust-venv"
sys.path.insert(0, str(ROOT / "bench"))

from load_seed import CONTACT_PASSWORD, STAFF, STAFF_PASSWORD  # noqa: E402

LOG_LINE = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d+ request_id=.* status=(\d+)")
PG_GRACE = 5.0  # seconds after PostgreSQL is back during which a 5xx still counts as "down"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class World:
    """Every process this run started, to stop them all in `close`."""

    def __init__(self, customers: int):
        self.customers = customers
        self.procs: dict[str, subprocess.Popen] = {}
        self.pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.pgdata = RUN / "pgdata"
        self.pg_port, self.redis_port, self.smtp_port = free_port(), free_port(), free_port()
        self.web_ports = [free_port(), free_port()]
        self.pg_started = False
        self.events: list[tuple[float, str]] = []
        self.pg_down: list[tuple[float, float]] = []
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{self.pg_port}/comptoir",
            "QUEUE_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{self.redis_port}/1",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(self.smtp_port),
            "SECRET_KEY": "load-faults-" + os.urandom(16).hex(),
            "BASE_URL": f"http://127.0.0.1:{self.web_ports[0]}",
            # Throttles raised for this run only: every user signs in from 127.0.0.1.
            "LOGIN_LIMIT_ACCOUNT": "100000 per minute",
            "LOGIN_LIMIT_ADDRESS": "100000 per minute",
            "SUPPORT_POST_LIMIT": "100000 per minute",
        }
        for name in ("PGHOST", "PGPORT", "PGDATABASE", "PGUSER"):
            self.env.pop(name, None)

    # -- PostgreSQL --------------------------------------------------------------------
    def _as_pg(self, *args: str, check: bool = True) -> None:
        command = [str(self.pgbin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(map(_quote, command))]
        subprocess.run(command, check=check, cwd="/tmp", stdout=subprocess.DEVNULL)

    def pg_start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.pg_port} -k {self.pgdata} "
                   "-c fsync=off -c max_connections=100")  # fmt: skip
        self._as_pg("pg_ctl", "-D", str(self.pgdata), "-l", str(RUN / "postgres.log"), "-w",
                    "-o", options, "start")  # fmt: skip
        self.pg_started = True

    def pg_stop(self) -> None:
        self._as_pg("pg_ctl", "-D", str(self.pgdata), "-m", "fast", "-w", "stop", check=False)

    def start_postgres(self) -> None:
        self.pgdata.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(RUN, "postgres")
            shutil.chown(self.pgdata, "postgres")
        self._as_pg("initdb", "-D", str(self.pgdata), "-U", "postgres", "-A", "trust", "-E",
                    "UTF8", "--locale=C.UTF-8", "-N")  # fmt: skip
        self.pg_start()
        subprocess.run([str(self.pgbin / "createdb"), "-h", "127.0.0.1", "-p",
                        str(self.pg_port), "-U", "postgres", "comptoir"], check=True)  # fmt: skip

    # -- other processes ---------------------------------------------------------------
    def spawn(self, name: str, command: list[str], **kw) -> subprocess.Popen:
        with open(RUN / f"{name}.log", "a") as logfile:  # the child keeps its own copy
            proc = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=logfile, stderr=subprocess.STDOUT,
                start_new_session=True, **kw,
            )  # fmt: skip
        self.procs[name] = proc
        return proc

    def start_smtp(self) -> None:
        self.spawn("smtp", [str(VENV / "python"), "bench/smtp_sink.py", str(self.smtp_port),
                            str(RUN / "delivered.txt")])  # fmt: skip
        wait_port(self.smtp_port)

    def stop(self, name: str, sig=signal.SIGTERM, timeout: float = 20) -> None:
        proc = self.procs.get(name)
        if proc and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)  # its own session: only what it started
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def start_worker(self) -> None:
        self.spawn("worker", [str(VENV / "flask"), "--app", "wsgi", "worker"])

    def start(self) -> None:
        log(f"PostgreSQL on {self.pg_port}")
        self.start_postgres()
        self.spawn("redis", ["redis-server", "--port", str(self.redis_port), "--bind",
                             "127.0.0.1", "--save", "", "--appendonly", "no"])  # fmt: skip
        wait_port(self.redis_port)
        self.start_smtp()
        log(f"migrations, demo data, {self.customers} customers")
        subprocess.run([str(VENV / "python"), "bench/load_seed.py", "--instance",
                        str(RUN / "instance"), "--customers", str(self.customers)],
                       cwd=ROOT, env=self.env, check=True)  # fmt: skip
        for n, port in enumerate(self.web_ports, 1):
            self.spawn(f"web{n}", [str(VENV / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}",
                                   "--timeout", "60", "--control-socket", str(RUN / f"web{n}.ctl"),
                                   "wsgi:app"])  # fmt: skip
        for port in self.web_ports:
            wait_healthy(port, 180)
        self.start_worker()
        log(f"servers on {self.web_ports}, Redis on {self.redis_port}, SMTP on {self.smtp_port}")

    def close(self) -> None:
        for name in list(self.procs):
            self.stop(name)
        if self.pg_started:
            self.pg_stop()

    # -- faults ------------------------------------------------------------------------
    def note(self, what: str) -> None:
        self.events.append((time.time(), what))
        log(what)

    def kill_web_worker(self, n: int) -> None:
        master = self.procs[f"web{n}"].pid
        children = [p for p in _children(master)]
        if children:
            os.kill(children[0], signal.SIGKILL)
            self.note(f"kill -9 gunicorn worker {children[0]} of server {n}")

    def postgres_outage(self, seconds: float) -> None:
        start = time.time()
        self.note("PostgreSQL stopped")
        self.pg_stop()
        time.sleep(seconds)
        self.pg_start()
        self.pg_down.append((start, time.time()))
        self.note("PostgreSQL started")

    def smtp_outage(self, seconds: float) -> None:
        self.note("SMTP sink stopped")
        self.stop("smtp")
        time.sleep(seconds)
        self.start_smtp()
        self.note("SMTP sink started")

    def kill_huey(self) -> None:
        self.stop("worker", signal.SIGKILL)
        self.note("kill -9 Huey worker")
        time.sleep(3)
        self.start_worker()
        self.note("Huey worker started")


def _quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


def wait_port(port: int, timeout: float = 30) -> None:
    end = time.time() + timeout
    while time.time() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def wait_healthy(port: int, timeout: float) -> None:
    """Until /healthz answers 200 (gunicorn's workers load the app after the port opens)."""
    import urllib.error
    import urllib.request

    end = time.time() + timeout
    while time.time() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10):
                return
        except urllib.error.HTTPError:  # the app answers (unhealthy, e.g. no worker yet)
            return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the server on 127.0.0.1:{port} is not healthy")


def fault_schedule(world: World, minutes: float, stop: threading.Event) -> None:
    """The full run's schedule (10 minutes) scaled to `minutes`: a worker killed every minute;
    PostgreSQL down 10 s at 2:30; SMTP down 2 min from 4:00; Huey killed at 7:00."""
    scale = minutes / 10
    plan = [(60 * m * scale, "web", m % 2 + 1) for m in range(1, 10)]
    plan += [(150 * scale, "pg", 10), (240 * scale, "smtp", max(20, 120 * scale)),
             (420 * scale, "huey", None)]  # fmt: skip
    start = time.time()
    threads = []
    for at, kind, arg in sorted(plan, key=lambda p: p[0]):
        if stop.wait(max(0, start + at - time.time())):
            break
        action = {"web": world.kill_web_worker, "pg": world.postgres_outage,
                  "smtp": world.smtp_outage, "huey": lambda _: world.kill_huey()}[kind]  # fmt: skip
        thread = threading.Thread(target=action, args=(arg,), daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()


def locust_venv() -> Path:
    locust = LOCUST_VENV / "bin" / "locust"
    if not locust.exists():
        log("creating the Locust virtualenv")
        subprocess.run(["python3", "-m", "venv", str(LOCUST_VENV)],
                       check=True)  # fmt: skip
        subprocess.run([str(LOCUST_VENV / "bin" / "pip"), "install", "-q", "locust"], check=True)
    return locust


def run_locust(world: World, minutes: float, users: int) -> None:
    env = {
        **os.environ,
        "LOAD_HOSTS": ",".join(f"http://127.0.0.1:{p}" for p in world.web_ports),
        "LOAD_CUSTOMERS": str(world.customers),
        "LOAD_STAFF": ",".join(STAFF),
        "LOAD_STAFF_PASSWORD": STAFF_PASSWORD,
        "LOAD_CONTACT_PASSWORD": CONTACT_PASSWORD,
        "LOAD_ERRORS": str(RUN / "server_errors.tsv"),
    }
    command = [str(locust_venv()), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
               "-u", str(users), "-r", str(max(1, users // 5)),
               "--run-time", f"{int(minutes * 60)}s",
               "--stop-timeout", "10", "--host", env["LOAD_HOSTS"].split(",")[0],
               "--csv", str(RUN / "locust"), "--only-summary"]  # fmt: skip
    with open(RUN / "locust.log", "w") as out:
        subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=RUN,
                       timeout=minutes * 60 + 120)  # fmt: skip


def query(world: World, sql: str) -> list[tuple]:
    import psycopg

    url = f"postgresql://postgres@127.0.0.1:{world.pg_port}/comptoir"
    with psycopg.connect(url, connect_timeout=5) as conn:
        return conn.execute(sql).fetchall()


def drain_outbox(world: World, timeout: float) -> int:
    end = time.time() + timeout
    while True:
        waiting = query(world, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")[0][0]
        if not waiting or time.time() > end:
            return waiting
        time.sleep(5)


def check_data(world: World) -> tuple[str, str]:
    done = subprocess.run([str(VENV / "flask"), "--app", "wsgi", "check-data"], cwd=ROOT,
                          env=world.env, capture_output=True, text=True)  # fmt: skip
    text = (done.stdout + done.stderr).strip()
    if "No such command" in text:
        return "missing", "`flask check-data` is not in this tree (branch wt-checkdata)"
    return ("clean" if done.returncode == 0 else f"FAILED (exit {done.returncode})"), text


def server_log_statuses() -> list[tuple[float, int, str]]:
    """(time, status, line) of each request line the two servers logged."""
    found = []
    for n in (1, 2):
        for line in (RUN / f"web{n}.log").read_text(errors="replace").splitlines():
            match = LOG_LINE.match(line)
            if match:
                at = time.mktime(time.strptime(match.group(1), "%Y-%m-%d %H:%M:%S"))
                found.append((at, int(match.group(2)), line))
    return found


def report(world: World, minutes: float, users: int, left: int, data: tuple[str, str]) -> str:
    rows = query(world, "SELECT message_id_header, sent_at IS NOT NULL FROM outbox")
    queued = {r[0] for r in rows}
    path = RUN / "delivered.txt"
    lines = [x for x in path.read_text().splitlines() if x] if path.exists() else []
    delivered = set(lines)
    missing = queued - delivered
    errors = []
    if (RUN / "server_errors.tsv").exists():
        for line in (RUN / "server_errors.tsv").read_text().splitlines():
            at, status, name, url = line.split("\t")
            down = any(a <= float(at) <= b + PG_GRACE for a, b in world.pg_down)
            errors.append((float(at), int(status), name, url, down))
    five_hundreds = [e for e in errors if e[1] == 500 and not e[4]]
    during = [e for e in errors if e[4]]
    logged = server_log_statuses()
    logged_500 = [(at, line) for at, status, line in logged if status == 500 and not
                  any(a <= at <= b + PG_GRACE for a, b in world.pg_down)]  # fmt: skip
    out = [f"# Load and faults: {minutes:g} minutes, {users} users, 2 servers x 2 workers", ""]
    out += ["| Check | Result |", "|---|---|"]
    out += [
        f"| check-data | {data[0]} |",
        f"| emails queued (outbox rows) | {len(queued)} |",
        f"| still unsent after the drain | {left} |",
        f"| delivered (distinct Message-IDs) | {len(delivered & queued)} |",
        f"| missing | {len(missing)} |",
        f"| duplicates (deliveries beyond the first) | {len(lines) - len(delivered)} |",
        f"| 500s outside the PostgreSQL outage | {len(five_hundreds)} |",
        f"| 5xx during the outage (+{PG_GRACE:g} s) | {len(during)} "
        f"(503: {sum(e[1] == 503 for e in during)}) |",
        f"| other 5xx outside it | {sum(1 for e in errors if not e[4] and e[1] != 500)} |",
        f"| 500s in the servers' request logs outside the outage | {len(logged_500)} |",
        f"| requests in the servers' logs | {len(logged)} |",
        "",
        "| Request | Count | Failures | req/s | p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    stats = RUN / "locust_stats.csv"
    if stats.exists():
        with open(stats) as f:
            for row in csv.DictReader(f):
                out.append(
                    f"| {row['Type']} {row['Name']} | {row['Request Count']} | "
                    f"{row['Failure Count']} | {float(row['Requests/s']):.2f} | {row['50%']} | "
                    f"{row['95%']} |"
                )
    out += ["", "Faults:", ""]
    out += [f"- {time.strftime('%H:%M:%S', time.localtime(t))} {what}" for t, what in world.events]
    if five_hundreds:
        out += ["", "500s outside the outage:", ""]
        out += [f"- {time.strftime('%H:%M:%S', time.localtime(a))} {n} {u}"
                for a, _, n, u, _ in five_hundreds[:30]]  # fmt: skip
    if logged_500:
        out += ["", "500s in the request logs (see bench/out/load_faults/web*.log):", ""]
        out += [f"- {line}" for _, line in logged_500[:30]]
    if data[0] != "clean":
        out += ["", "check-data:", "", "```", data[1][-3000:], "```"]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10, help="Locust run time")
    parser.add_argument("--users", type=int, default=20, help="Locust users (at most 50)")
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--drain", type=float, default=300, help="max seconds to wait for mail")
    args = parser.parse_args()
    args.users = min(args.users, 50)
    args.minutes = min(args.minutes, 30)
    if RUN.exists():
        shutil.rmtree(RUN)
    RUN.mkdir(parents=True)
    world = World(args.customers)
    stop = threading.Event()
    try:
        locust_venv()
        world.start()
        faults = threading.Thread(target=fault_schedule, args=(world, args.minutes, stop))
        faults.start()
        log(f"Locust: {args.users} users for {args.minutes:g} minutes")
        run_locust(world, args.minutes, args.users)
        stop.set()
        faults.join()
        log("waiting for the outbox to drain")
        left = drain_outbox(world, args.drain)
        data = check_data(world)
        text = report(world, args.minutes, args.users, left, data)
        (OUT / "load_faults.md").write_text(text)
        print(text)
    finally:
        stop.set()
        world.close()


if __name__ == "__main__":
    main()
