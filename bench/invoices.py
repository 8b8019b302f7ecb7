"""Invoice list benchmark: p50/p95 server time of the staff invoice list, its filters and pages,
beside the SQL.

    .venv/bin/python bench/invoices.py --db /tmp/copy.db [--rounds 40] [--code PATH]
    .venv/bin/python bench/invoices.py --url postgresql+psycopg://… [--rounds 40] [--code PATH]

Server time = the whole request in-process (wall clock; CPU = this process's CPU time, less
disturbed by other work on the machine); SQL = the request's SELECTs replayed alone. `shown`
is a digest of what the page shows (the numbers of its rows in order, its totals, its pager):
two versions of the code must print the same digest for each page.
Runs against a copy of bench/out/bench.db (never the original). `--code` runs another
checkout's app (e.g. a detached worktree at the commit before a change) on its own copy, so
both figures come from the same run and data: report them as ratios.
"""

import argparse
import hashlib
import logging
import re
import statistics
import sys
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--db", help="a copy of bench/out/bench.db")
parser.add_argument("--url", help="instead of --db: a database made by bench/generate.py --url")
parser.add_argument("--rounds", type=int, default=40)
parser.add_argument("--code", default=str(Path(__file__).resolve().parents[1]))
parser.add_argument("--only", default="", help="run only the pages whose name contains this")
ARGS = parser.parse_args()
sys.path.insert(0, str(Path(ARGS.code).resolve()))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import User  # noqa: E402
from app.services.sessions import open_session  # noqa: E402

PAGES = {
    "page 1": "",
    "page 2": "page=2",
    "page 500": "page=500",
    "overdue": "status=overdue",
    "overdue, page 2": "status=overdue&page=2",
    "due (unpaid+partial)": "status=due",
    "unpaid": "status=unpaid",
    "paid": "status=paid",
    "draft": "status=draft",
    "a customer's": "customer=54321",
    "customer word": "q=fromagerie",
    "customer word, overdue": "q=fromagerie&status=overdue",
    "number prefix": "q=INV-0123",
    "one month": "from=2025-06-01&to=2025-06-30",
    "one month, overdue": "from=2025-06-01&to=2025-06-30&status=overdue",
}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def shown(html: str) -> str:
    """A digest of what the list shows: row links in order, totals and count."""
    results = html.split('id="results"', 1)[-1]
    rows = re.findall(r"/admin/invoices/(\d+)", results)
    totals = re.findall(r'class="currency-totals">(.*?)</ul>', results, re.S)
    count = re.findall(r'class="pagination".*?<span>(.*?)</span>', results, re.S)
    digest = hashlib.sha1(repr((rows, totals, count)).encode()).hexdigest()[:10]
    return f"{len(rows):>3} rows {digest}  {' '.join(count[0].split()) if count else ''}"


def main() -> None:
    path = Path(ARGS.db or "").resolve()
    if not ARGS.url and path == (Path(__file__).resolve().parent / "out" / "bench.db").resolve():
        sys.exit("point --db at a copy of bench/out/bench.db")
    app = create_app(
        {
            "SECRET_KEY": "bench-secret-key-0123456789abcdef",
            "SQLALCHEMY_DATABASE_URI": ARGS.url or f"sqlite:///{path}",
            "WTF_CSRF_ENABLED": False,
        }
    )
    logging.disable(logging.INFO)  # one log line per request would drown the table
    with app.app_context():
        upgrade()  # the copy gets this code's migrations (e.g. its indexes)
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        admin = db.session.scalar(select(User).where(User.email == "bench@example.com"))
        open_session(admin)  # a server-side sign-in session, as the login form opens
        identity = admin.get_id()
        db.session.commit()
        engine = db.engine
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = identity
    statements: list = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append((a[2], a[3])))
    print(
        f"{'page':<26}{'p50 ms':>8}{'p95 ms':>8}{'CPU p50':>9}{'SQL p50':>9}{'queries':>9}  shown"
    )
    for name, query in PAGES.items():
        if ARGS.only and ARGS.only not in name:
            continue
        url = f"/admin/invoices?{query}"
        for _ in range(3):
            client.get(url)
        times, cpu, sql = [], [], []
        for _ in range(ARGS.rounds):
            statements.clear()
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            assert response.status_code == 200, (name, response.status_code)
            sql.append(replay(engine, list(statements)))
        print(
            f"{name:<26}{statistics.median(times) * 1000:>8.1f}{percentile(times, 95) * 1000:>8.1f}"
            f"{statistics.median(cpu) * 1000:>9.1f}{statistics.median(sql) * 1000:>9.1f}"
            f"{len(statements):>9}  {shown(response.get_data(as_text=True))}",
            flush=True,
        )


def replay(engine, statements) -> float:
    """The recorded SELECTs run alone on a raw connection (every row fetched); seconds."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        started = time.perf_counter()
        for statement, parameters in statements:
            if statement.lstrip().upper().startswith(("SELECT", "WITH")):
                cursor.execute(statement, parameters)
                cursor.fetchall()
        return time.perf_counter() - started
    finally:
        raw.close()


if __name__ == "__main__":
    main()
