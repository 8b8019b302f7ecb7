"""Ageing report benchmark at 100,000 customers / 200,000 invoices: p50/p95 server time of the
report's pages beside the bare SQL they run (target: p95 <= 300 ms).

    .venv/bin/python bench/ageing.py [--db bench/out/bench.db | --url postgresql+psycopg://…]
                                     [--rounds 30]

Build the database first: .venv/bin/python bench/generate.py --customers 100000 [--url …]
"CPU" is this process's CPU time per request (SQLite's work included, PostgreSQL's not): on a
machine shared with other work it moves far less than the wall-clock times.
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
from sqlalchemy import select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import User  # noqa: E402
from app.services.sessions import open_session  # noqa: E402

TARGET_MS = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="bench/out/bench.db")
    parser.add_argument("--url", help="a database URL instead of --db (PostgreSQL)")
    parser.add_argument("--rounds", type=int, default=30)
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
    for url in ("/admin/reports/ageing", "/admin/reports/ageing?page=300"):
        body = client.get(url).get_data(as_text=True)  # the figures, without per-request tokens
        figures = body[body.index('<div class="table-wrap">') : body.rindex("</table>")]
        print(url, "figures", hashlib.sha256(figures.encode()).hexdigest()[:16])
    pages = {
        "ageing page 1": "/admin/reports/ageing",
        "ageing page 300": "/admin/reports/ageing?page=300",
    }
    recorder = SqlRecorder(engine)
    print(f"{'page':<18}{'p50 ms':>8}{'p95 ms':>8}{'SQL p50':>9}{'SQL p95':>9}{'CPU p50':>9}"
          f"{'CPU p95':>9}{'queries':>9}{'target':>8}")  # fmt: skip
    for name, url in pages.items():
        for _ in range(3):  # warm caches
            client.get(url)
        times, floors, counts, cpus = [], [], [], []
        for _ in range(args.rounds):
            recorder.statements.clear()
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
            assert response.status_code == 200, (name, response.status_code)
            statements = list(recorder.statements)
            counts.append(len(statements))
            floors.append(replay(engine, statements))
        p50, p95 = statistics.median(times) * 1000, percentile(times, 95) * 1000
        f50, f95 = statistics.median(floors) * 1000, percentile(floors, 95) * 1000
        c50, c95 = statistics.median(cpus) * 1000, percentile(cpus, 95) * 1000
        print(f"{name:<18}{p50:>8.1f}{p95:>8.1f}{f50:>9.1f}{f95:>9.1f}{c50:>9.1f}{c95:>9.1f}"
              f"{max(counts):>9}{TARGET_MS:>8}")  # fmt: skip


if __name__ == "__main__":
    main()
