"""Pages over HTTP with gunicorn (issue 21: the customer list's throughput at concurrency 8,
2 workers, >= 3x the code before, measured in the same run).

    .venv/bin/python bench/pages_http.py [--db bench/out/bench.db] [--baseline ../http-base]
                                   [--rounds 20] [--seconds 20] [--repeat 2]

On ONE copy of the bench database (migrated to this tree's head, ANALYZE, a 20-line invoice
added), each tree in turn (never two servers at once) gets its own gunicorn (2 sync workers,
127.0.0.1, a free port), signed in as the bench's administrator. Measured: p50/p95 at
concurrency 1 of the customer list, the invoice list (page 1, overdue), the dashboard and the
20-line invoice's PDF; then the customer list's throughput (req/s) at concurrency 8 for
--seconds, with its latency and the workers' CPU time per request (from /proc). With --baseline
(a worktree of the code before a change) it prints ours / baseline, and whether each page's HTML
is the same in both trees apart from whitespace and per-session tokens. The baseline goes first
in odd runs, ours in even ones (a shared machine's load drifts).
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAFF, STAFF_PASSWORD = "bench@example.com", "bench-password-123"  # bench/generate.py
PAGES = {
    "customer list": "/admin/customers",
    "invoice list": "/admin/invoices",
    "invoice list overdue": "/admin/invoices?status=overdue",
    "dashboard": "/admin/",
    "20-line invoice PDF": "/admin/invoices/{invoice}/pdf",
}
THROUGHPUT_PAGE = "customer list"
# What differs between two sessions or two requests, not between two versions of the code.
TOKENS = r'(name="csrf_token"[^>]*value=|name="csrf-token" content=|"X-CSRFToken": )"[^"]*"'
VOLATILE = [
    (re.compile(TOKENS), r'\1"-"'),
    (re.compile(r'nonce="[^"]*"'), 'nonce="-"'),
    (re.compile(r"\s+"), " "),
]  # fmt: skip


class Client:
    """A keep-alive HTTP/1.1 connection that keeps the cookies it is given (no new dependency)."""

    def __init__(self, url: str, cookies: dict | None = None):
        self.host, self.port = urllib.parse.urlsplit(url)[1].split(":")
        self.cookies = dict(cookies or {})
        self.conn = http.client.HTTPConnection(self.host, int(self.port), timeout=120)

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        answer = self.conn.getresponse()
        content = answer.read()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if answer.status in (301, 302, 303) and method == "POST":
            return self.request("GET", urllib.parse.urlsplit(answer.headers["Location"]).path)
        return answer.status, answer.headers.get("Content-Type", ""), content


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(database: Path) -> int:
    """This tree's migrations, planner statistics and a 20-line invoice; its id."""
    from datetime import date
    from decimal import Decimal

    sys.path.insert(0, str(ROOT))
    from flask_migrate import upgrade
    from sqlalchemy import select, text

    from app import create_app
    from app.extensions import db
    from app.models import Currency, Customer, TaxRate
    from app.services.sales.service import DocumentInput, ItemInput, save_document

    app = create_app({"SECRET_KEY": "bench-secret-key-0123456789abcdef",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})  # fmt: skip
    with app.test_request_context():
        upgrade(directory=str(ROOT / "migrations"))
        db.session.execute(text("ANALYZE"))
        eur = db.session.scalar(select(Currency).where(Currency.code == "EUR"))
        if eur is None:
            eur = Currency(code="EUR", symbol="€")
            db.session.add(eur)
        vat = TaxRate(name="TVA bench http", percent=Decimal("20"))
        db.session.add(vat)
        db.session.flush()
        customer = db.session.scalar(select(Customer).order_by(Customer.id).limit(1))
        items = [ItemInput(f"Line {n}: pastries and bread", Decimal(n % 7 + 1),
                           Decimal("12.50") + n, tax_ids=[vat.id]) for n in range(20)]  # fmt: skip
        data = DocumentInput(customer_id=customer.id, issue_date=date(2026, 11, 27), due_date=None,
                             currency_id=eur.id, language="fr", billing={"city": "Lyon"},
                             include_shipping=False, shipping={}, items=items)  # fmt: skip
        invoice_id = save_document(None, "invoice", data, None).id
        db.session.commit()
    return invoice_id


class Server:
    """One gunicorn (2 sync workers) of one tree, in its own session so that only it stops."""

    def __init__(self, tree: Path, database: Path, folder: Path, name: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}",
               "SECRET_KEY": "bench-http-" + os.urandom(16).hex(), "BASE_URL": self.url,
               "QUEUE_URL": f"sqlite:///{folder / (name + '-queue.db')}",
               "LOGIN_LIMIT_ACCOUNT": "100000 per minute",
               "LOGIN_LIMIT_ADDRESS": "100000 per minute"}  # fmt: skip
        self.log = open(folder / f"{name}.log", "a")  # noqa: SIM115 (closed in stop)
        gunicorn = tree / ".venv/bin/gunicorn"
        command = [str(gunicorn), "-w", "2", "-b", f"127.0.0.1:{self.port}", "--timeout", "120",
                   "wsgi:app"]  # fmt: skip
        self.proc = subprocess.Popen(command, cwd=tree, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        end = time.time() + 120
        while time.time() < end:
            try:
                Client(self.url).request("GET", "/healthz")
                return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"gunicorn of {tree} did not answer")

    def workers(self) -> list[int]:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                found.append(int(stat.parent.name))
        return found

    def cpu_seconds(self) -> float:
        """User + system time of the workers (what the requests cost them)."""
        ticks = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def signed_in(url: str) -> Client:
    client = Client(url)
    page = get(client, "/admin/login")[1].decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = {"csrf_token": token, "email": STAFF, "password": STAFF_PASSWORD}
    status, _, answer = client.request("POST", "/admin/login", form)
    if status != 200 or b'name="password"' in answer:
        raise RuntimeError(f"could not sign in as {STAFF} on {url}")
    return client


def get(client: Client, path: str) -> tuple[str, bytes]:
    status, kind, content = client.request("GET", path)
    if status != 200:
        raise RuntimeError(f"{path}: {status}")
    return kind, content


def measure(tree: Path, database: Path, folder: Path, name: str, invoice: int, args) -> dict:
    """Everything timed for one tree, with its own server."""
    server = Server(tree, database, folder, name)
    try:
        client = signed_in(server.url)
        result = {"pages": {}, "html": {}}
        for page, path in PAGES.items():
            url = path.format(invoice=invoice)
            for _ in range(3):  # both workers warm (templates compiled, caches filled)
                kind, content = get(client, url)
            if "pdf" not in kind:
                result["html"][page] = content.decode()
            times = []
            for _ in range(args.rounds):
                started = time.perf_counter()
                get(client, url)
                times.append(time.perf_counter() - started)
            result["pages"][page] = (statistics.median(times) * 1000, percentile(times, 95) * 1000)
        result["throughput"] = throughput(server, client.cookies, PAGES[THROUGHPUT_PAGE],
                                          args.concurrency, args.seconds)  # fmt: skip
        return result
    finally:
        server.stop()


def throughput(server: Server, cookies: dict, path: str, users: int, seconds: float) -> dict:
    """Requests per second of `users` clients each asking again as soon as answered."""
    stop, started_at = threading.Event(), threading.Event()
    times: list[list[float]] = [[] for _ in range(users)]
    failures = []

    def user(n: int) -> None:
        own = Client(server.url, cookies)  # keep-alive, one connection per user
        get(own, path)
        started_at.wait()
        while not stop.is_set():
            began = time.perf_counter()
            status = own.request("GET", path)[0]
            if status != 200:
                failures.append(status)
            times[n].append(time.perf_counter() - began)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    cpu, began = server.cpu_seconds(), time.perf_counter()
    started_at.set()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.perf_counter() - began, server.cpu_seconds() - cpu
    done = [t for own in times for t in own]
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed: {sorted(set(failures))}")
    return {"rps": len(done) / elapsed, "p50": statistics.median(done) * 1000,
            "p95": percentile(done, 95) * 1000, "cpu_ms": cpu / len(done) * 1000}  # fmt: skip


def same_html(ours: str, theirs: str) -> bool:
    for pattern, replacement in VOLATILE:
        ours, theirs = pattern.sub(replacement, ours), pattern.sub(replacement, theirs)
    return ours.replace("> <", "><").strip() == theirs.replace("> <", "><").strip()


def report(n: int, runs: dict, args) -> None:
    for name, r in runs.items():
        for page, (p50, p95) in r["pages"].items():
            print(f"#{n} {name:8} {page:22} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
        t = r["throughput"]
        print(f"#{n} {name:8} {THROUGHPUT_PAGE} at concurrency {args.concurrency}: "
              f"{t['rps']:.1f} req/s, p50 {t['p50']:.0f} ms, p95 {t['p95']:.0f} ms, "
              f"workers' CPU {t['cpu_ms']:.1f} ms per request")  # fmt: skip
    if "baseline" not in runs:
        return
    ours, base = runs["ours"], runs["baseline"]
    for page, (p50, p95) in ours["pages"].items():
        b50, b95 = base["pages"][page]
        same = ""
        if page in ours["html"]:
            same = ", same HTML" if same_html(ours["html"][page], base["html"][page]) else (
                ", HTML DIFFERS")  # fmt: skip
        print(f"#{n} ratio {page:22} p50 {p50 / b50:.2f}  p95 {p95 / b95:.2f}{same}")
    t, b = ours["throughput"], base["throughput"]
    print(f"#{n} ratio {THROUGHPUT_PAGE} throughput at concurrency {args.concurrency}: "
          f"x{t['rps'] / b['rps']:.2f} ({t['rps']:.1f} vs {b['rps']:.1f} req/s), "
          f"CPU per request {t['cpu_ms'] / b['cpu_ms']:.2f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=str(ROOT / "bench/out/bench.db"))
    parser.add_argument("--baseline", help="a worktree of the code before the change")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", help="keep the copy of the database at this path")
    args = parser.parse_args()
    trees = {"ours": ROOT} | ({"baseline": Path(args.baseline).resolve()} if args.baseline else {})
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        database = Path(args.keep or Path(folder) / "bench.db")
        if not args.keep or not database.exists():
            shutil.copy(args.db, database)
        invoice = prepare(database)
        for n in range(1, args.repeat + 1):
            order = list(trees.items())[:: 1 if n % 2 == 0 else -1]  # who goes first alternates
            runs = {name: measure(tree, database, Path(folder), name, invoice, args)
                    for name, tree in order}  # fmt: skip
            report(n, runs, args)


if __name__ == "__main__":
    main()
