"""Ageing report benchmark at 100,000 customers / 200,000 invoices: p50/p95 server time of the
report's pages beside the bare SQL they run (target: p95 <= 300 ms).

    .venv/bin/python bench/ageing.py [--db bench/out/bench.db] [--rounds 30]

Build the database first: .venv/bin/python bench/generate.py --customers 100000
"""

import argparse
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
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    path = Path(args.db).resolve()
    if not path.exists():
        sys.exit(f"{path} is missing: run bench/generate.py --customers 100000 first")
    app = create_app({"SECRET_KEY": "bench-secret-key-0123456789abcdef",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})  # fmt: skip
    with app.app_context():
        upgrade()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        admin = db.session.scalar(select(User).where(User.email == "bench@example.com"))
        with app.test_request_context():
            open_session(admin)  # a server-side session, as signing in opens one
            identity = admin.get_id()
            db.session.commit()
        engine = db.engine
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = identity
    pages = {
        "ageing page 1": "/admin/reports/ageing",
        "ageing page 300": "/admin/reports/ageing?page=300",
    }
    recorder = SqlRecorder(engine)
    print(f"{'page':<18}{'p50 ms':>8}{'p95 ms':>8}{'SQL p50':>9}{'SQL p95':>9}{'queries':>9}"
          f"{'target':>8}")  # fmt: skip
    for name, url in pages.items():
        for _ in range(3):  # warm caches
            client.get(url)
        times, floors, counts = [], [], []
        for _ in range(args.rounds):
            recorder.statements.clear()
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (name, response.status_code)
            statements = list(recorder.statements)
            counts.append(len(statements))
            floors.append(replay(engine, statements))
        p50, p95 = statistics.median(times) * 1000, percentile(times, 95) * 1000
        f50, f95 = statistics.median(floors) * 1000, percentile(floors, 95) * 1000
        print(f"{name:<18}{p50:>8.1f}{p95:>8.1f}{f50:>9.1f}{f95:>9.1f}{max(counts):>9}"
              f"{TARGET_MS:>8}")  # fmt: skip


if __name__ == "__main__":
    main()
