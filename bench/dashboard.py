"""Dashboard benchmark at 100,000 customers / 200,000 invoices: p50/p95 server time of the
dashboard page beside the bare SQL it runs (target: p95 <= 60 ms), then each statement's own
SQL time and CPU (p50 of its replays), so that each card's cost can be seen; then the same for
the customer groups report of this year and of last year (target: p95 <= 100 ms).

    .venv/bin/python bench/dashboard.py [--db bench/out/bench.db | --url postgresql+psycopg://…]
                                        [--rounds 30] [--pages dashboard,this_year,last_year]

Build the database first: .venv/bin/python bench/generate.py --customers 100000 [--url …]
"CPU" is this process's CPU time per request (SQLite's work included, PostgreSQL's not): on a
machine shared with other work it moves far less than the wall-clock times. "figures" is a
hash of the cards' (the report's tables') HTML, without per-request tokens: it must not change
with the code.
"""

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from flask_migrate import upgrade  # noqa: E402
from run import SqlRecorder, percentile, replay  # noqa: E402
from sqlalchemy import event, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import User  # noqa: E402
from app.services.sessions import open_session  # noqa: E402

REPORT = "/admin/reports/customer-groups?range="
PAGES = {  # name: (URL, target p95 in ms, where its figures start and end)
    "dashboard": ("/admin/", 60, '<div class="cards">', "\n</div>"),
    "this_year": (REPORT + "this_year", 100, "<figure", "</table>"),
    "last_year": (REPORT + "last_year", 100, "<figure", "</table>"),
}


def _label(statement: str) -> str:
    """A short name for a statement: its text from FROM on, squeezed."""
    flat = " ".join(statement.split())
    start = flat.find(" FROM ")
    return flat[start + 1 : start + 61] if start >= 0 else flat[:60]


def _replay_cpu(engine, statement) -> float:
    """This process's CPU seconds to run one recorded SELECT alone, fetching every row (on
    SQLite that is the database's work; on a busy machine it moves less than the wall clock)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        started = time.process_time()
        cursor.execute(*statement)
        cursor.fetchall()
        return time.process_time() - started
    finally:
        raw.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="bench/out/bench.db")
    parser.add_argument("--url", help="a database URL instead of --db (PostgreSQL)")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--pages", default=",".join(PAGES), help="among " + ", ".join(PAGES))
    args = parser.parse_args()
    url = args.url
    if url is None:
        path = Path(args.db).resolve()
        if not path.exists():
            sys.exit(f"{path} is missing: run bench/generate.py --customers 100000 first")
        url = f"sqlite:///{path}"
    app = create_app({"SECRET_KEY": "bench-secret-key-0123456789abcdef",
                      "SQLALCHEMY_DATABASE_URI": url})  # fmt: skip
    with app.app_context():
        upgrade()
        if db.engine.dialect.name == "sqlite":
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        else:  # VACUUM as autovacuum would have: index-only scans need the visibility map
            with db.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "VACUUM ANALYZE"
                )
        admin = db.session.scalar(select(User).where(User.email == "bench@example.com"))
        with app.test_request_context():
            open_session(admin)  # a server-side session, as signing in opens one
            identity = admin.get_id()
            db.session.commit()
        engine = db.engine
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = identity
    for name in args.pages.split(","):
        _time_page(client, engine, name, args.rounds)


def _figures(body: str, first: str, last: str) -> str:
    part = body[body.index(first) :]
    return hashlib.sha256(part[: part.rindex(last)].encode()).hexdigest()[:16]


def _time_page(client, engine, name: str, rounds: int) -> None:
    url, target, first, last = PAGES[name]
    print(url, "figures", _figures(client.get(url).get_data(as_text=True), first, last))
    recorder = SqlRecorder(engine)
    for _ in range(3):  # warm caches
        client.get(url)
    times, floors, counts, cpus = [], [], [], []
    each: dict[int, list[float]] = {}
    each_cpu: dict[int, list[float]] = {}
    labels: dict[int, str] = {}
    for _ in range(rounds):
        recorder.statements.clear()
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
        assert response.status_code == 200, response.status_code
        statements = list(recorder.statements)
        counts.append(len(statements))
        floors.append(replay(engine, statements))
        for number, statement in enumerate(statements):
            if statement[0].lstrip().upper().startswith("SELECT"):
                labels[number] = _label(statement[0])
                each.setdefault(number, []).append(replay(engine, [statement]))
                each_cpu.setdefault(number, []).append(_replay_cpu(engine, statement))
    event.remove(engine, "before_cursor_execute", recorder._record)
    p50, p95 = statistics.median(times) * 1000, percentile(times, 95) * 1000
    f50, f95 = statistics.median(floors) * 1000, percentile(floors, 95) * 1000
    c50, c95 = statistics.median(cpus) * 1000, percentile(cpus, 95) * 1000
    print(f"{'page':<12}{'p50 ms':>8}{'p95 ms':>8}{'SQL p50':>9}{'SQL p95':>9}{'CPU p50':>9}"
          f"{'CPU p95':>9}{'queries':>9}{'target':>8}")  # fmt: skip
    print(f"{name:<12}{p50:>8.1f}{p95:>8.1f}{f50:>9.1f}{f95:>9.1f}{c50:>9.1f}{c95:>9.1f}"
          f"{max(counts):>9}{target:>8}")  # fmt: skip
    print("each statement alone, p50 ms of wall clock and of CPU, in the page's order:")
    for number in sorted(each):
        wall, cpu = statistics.median(each[number]), statistics.median(each_cpu[number])
        print(f"  {wall * 1000:>8.2f}{cpu * 1000:>8.2f}  {labels[number]}")


if __name__ == "__main__":
    main()
