"""Customer list benchmark at 100,000 customers: p50/p95 server time per page, beside its SQL floor.

    .venv/bin/python bench/run.py [--db bench/out/bench.db] [--rounds 60]
    .venv/bin/python bench/run.py --url postgresql+psycopg://…  (a database bench/generate.py made)
    … --only "page 2000" --only "invoice search"  (only those pages)
    .venv/bin/python bench/run.py --db bench/out/bench.db --against postgresql+psycopg://…
        (both databases in one process, each page's requests alternating: their ratio)

Server time = the whole request handled in-process by the real app (routing, session, queries,
templates). Floor = the same SQL statements that page ran, replayed alone on the same connection.
"""

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Contact, User  # noqa: E402
from app.services.sessions import open_session  # noqa: E402

TARGETS_MS = {
    "list page 1": 40,
    "search company word": 40,
    "search contact email": 40,
    "page 2000": 60,
    "customer page": None,
    "create customer": 50,
    "invoice list page 1": 40,
    "invoice list overdue": 40,
    "invoice search": None,
    "groups report, a year": 300,
    "groups report, a month": 300,
    "dashboard": None,
    "contract list page 1": None,
    "contracts ending soon": None,
    "project list page 1": None,
    "project search": None,
}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


class SqlRecorder:
    """Records the statements of one request, to count them and replay them as the floor."""

    def __init__(self, engine):
        self.statements: list[tuple[str, object]] = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append((statement, parameters))


def replay(engine, statements) -> float:
    """Run the recorded SELECTs alone (fetching every row); seconds taken."""
    reads = [(s, p) for s, p in statements if s.lstrip().upper().startswith("SELECT")]
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        started = time.perf_counter()
        for statement, parameters in reads:
            cursor.execute(statement, parameters)
            cursor.fetchall()
        return time.perf_counter() - started
    finally:
        raw.close()


def database_url(db_path: str, url: str | None) -> str:
    if url is not None:
        return url
    path = Path(db_path).resolve()
    if not path.exists():
        sys.exit(f"{path} is missing: run bench/generate.py --customers 100000 first")
    return f"sqlite:///{path}"


class Bench:
    """The real app on one database, signed in as the bench's administrator, its pages as
    requests and its statements recorded (so two can run side by side in one process)."""

    def __init__(self, url: str):
        app = create_app(
            {
                "SECRET_KEY": "bench-secret-key-0123456789abcdef",
                "SQLALCHEMY_DATABASE_URI": url,
                "WTF_CSRF_ENABLED": False,
                "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
            }
        )
        with app.app_context():
            upgrade()  # a database kept from an earlier run gets the current schema and indexes
            # Planner statistics for those indexes, as a long-lived SQLite database has them
            # once ANALYZE (or PRAGMA optimize) has run: without them SQLite may scan 200,000
            # invoices.
            db.session.execute(text("ANALYZE"))
            db.session.commit()
            admin = db.session.scalar(select(User).where(User.email == "bench@example.com"))
            open_session(admin)  # a server-side sign-in session, as the login form opens
            identity = admin.get_id()
            self.some_email = db.session.scalar(select(Contact.email).where(Contact.id == 123_457))
            db.session.commit()
            self.engine = db.engine
        self.client = app.test_client()
        with self.client.session_transaction() as session:
            session["_user_id"] = identity
        self.recorder = SqlRecorder(self.engine)
        self.counter = iter(range(10**9))
        self.run_id = int(time.time())  # unique addresses across runs on the same database

    def create_payload(self) -> dict:
        n = next(self.counter)
        return {
            "company": f"Bench New {n} SARL",
            "country": "FR",
            "contact_first_name": "Ada",
            "contact_last_name": "Bench",
            "contact_email": f"ada{self.run_id}-{n}@bench-new.example.com",
            "password_choice": "password",
            "contact_password": "bench password 123",
            "perm_invoices": "y",
        }

    def pages(self) -> dict:
        client = self.client
        return {
            "list page 1": lambda: client.get("/admin/customers"),
            "search company word": lambda: client.get("/admin/customers?q=fromagerie"),
            "search contact email": lambda: client.get(f"/admin/customers?q={self.some_email}"),
            "page 2000": lambda: client.get("/admin/customers?page=2000"),
            "customer page": lambda: client.get("/admin/customers/54321"),
            "create customer": lambda: client.post(
                "/admin/customers/new", data=self.create_payload()
            ),
            "invoice list page 1": lambda: client.get("/admin/invoices"),
            "invoice list overdue": lambda: client.get("/admin/invoices?status=overdue"),
            "invoice search": lambda: client.get("/admin/invoices?q=INV-0123"),
            "groups report, a year": lambda: client.get(
                "/admin/reports/customer-groups?range=custom&from=2025-01-01&to=2025-12-31"
            ),
            "groups report, a month": lambda: client.get(
                "/admin/reports/customer-groups?range=custom&from=2025-06-01&to=2025-06-30"
            ),
            "dashboard": lambda: client.get("/admin/"),
            "contract list page 1": lambda: client.get("/admin/contracts"),
            "contracts ending soon": lambda: client.get("/admin/contracts?status=ending"),
            "project list page 1": lambda: client.get("/admin/projects"),
            "project search": lambda: client.get("/admin/projects?q=project%20123"),
        }


class Timings:
    """One page's request times, SQL floors and statement counts on one database."""

    def __init__(self):
        self.times, self.floors, self.counts = [], [], []

    def take(self, name: str, bench: Bench, request) -> None:
        bench.recorder.statements.clear()
        started = time.perf_counter()
        response = request()
        self.times.append(time.perf_counter() - started)
        assert response.status_code in (200, 303), (name, response.status_code)
        self.counts.append(len(bench.recorder.statements))
        if name != "create customer":
            self.floors.append(replay(bench.engine, list(bench.recorder.statements)))

    def figures(self) -> tuple[float, float, float, int]:
        """p50, p95 and SQL floor p50 in ms, and the most statements."""
        floor = statistics.median(self.floors) * 1000 if self.floors else float("nan")
        p50, p95 = statistics.median(self.times) * 1000, percentile(self.times, 95) * 1000
        return p50, p95, floor, max(self.counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="bench/out/bench.db")
    parser.add_argument("--url", help="a database made by bench/generate.py --url (PostgreSQL)")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--only", action="append", help="a page's name (repeatable)")
    parser.add_argument(
        "--against",
        metavar="URL",
        help="a second database (e.g. PostgreSQL beside --db's SQLite): each page's requests "
        "alternate between the two in this process, and the table gives both and their ratio",
    )
    args = parser.parse_args()
    logging.disable(logging.INFO)  # one log line per request would drown the table
    first = Bench(database_url(args.db, args.url))
    second = Bench(args.against) if args.against else None
    pages = first.pages()
    other = second.pages() if second else {}
    if args.only:
        pages = {name: pages[name] for name in args.only}
    if second:
        print(f"{'page':<22}{'p50 ms':>8}{'p95 ms':>8}{'floor':>7}  | against:{'p50':>7}"
              f"{'p95':>8}{'floor':>7}  | ratio p50{'p95':>6}  queries")  # fmt: skip
    else:
        print(f"{'page':<22}{'p50 ms':>8}{'p95 ms':>8}{'floor p50':>11}{'p95/floor':>11}"
              f"{'queries':>9}{'target':>8}")  # fmt: skip
    for name, request in pages.items():
        for _ in range(5):  # warm caches
            request()
            if second:
                other[name]()
        mine, theirs = Timings(), Timings()
        for n in range(args.rounds):  # alternate which goes first: the machine's drift is shared
            turns = [(mine, first, request)]
            if second:
                turns.append((theirs, second, other[name]))
            for timings, bench, page in turns if n % 2 == 0 else reversed(turns):
                timings.take(name, bench, page)
        p50, p95, floor, count = mine.figures()
        if second:
            p50b, p95b, floorb, countb = theirs.figures()
            print(f"{name:<22}{p50:>8.1f}{p95:>8.1f}{floor:>7.1f}  | {'':>8}{p50b:>7.1f}"
                  f"{p95b:>8.1f}{floorb:>7.1f}  | {p50b / p50:>9.2f}{p95b / p95:>6.2f}"
                  f"  {count}/{countb}")  # fmt: skip
            continue
        target = TARGETS_MS[name]
        print(f"{name:<22}{p50:>8.1f}{p95:>8.1f}{floor:>11.1f}{p95 / floor:>11.1f}"
              f"{count:>9}{(str(target) if target else '-'):>8}")  # fmt: skip


if __name__ == "__main__":
    main()
