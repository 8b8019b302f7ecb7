"""Write cost of the customer balances (the triggers of migration 0027): N payments recorded
through the service, one transaction each, as staff do, on a copy of the bench database.

    .venv/bin/python bench/payments.py [--db bench/out/bench.db] [--payments 2000]

Run it on this commit and on one before 0027 (a worktree of it, on a copy of the same database)
to compare: the difference is what keeping the balances costs each write. Not run by pytest.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Document  # noqa: E402
from app.services.sales.actions import record_payment  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="bench/out/bench.db")
    parser.add_argument("--payments", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        shutil.copy(args.db, database)
        app = create_app({"SECRET_KEY": "bench-secret-key-0123456789abcdef",
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                          "INSTANCE_PATH": folder, "MAIL_PORT": 9})  # fmt: skip
        with app.app_context():
            upgrade(directory=str(ROOT / "migrations"))
            ids = db.session.scalars(
                select(Document.id).where(Document.kind == "invoice", Document.status == "unpaid")
                .order_by(Document.id).limit(args.payments)
            ).all()  # fmt: skip
            times = []
            for document_id in ids:
                started = time.perf_counter()
                invoice = db.session.get(Document, document_id)
                record_payment(invoice, Decimal("1"), date.today(), "card", None, None)
                db.session.commit()
                times.append(time.perf_counter() - started)
                db.session.expunge_all()
    p50 = statistics.median(times) * 1000
    p95 = sorted(times)[int(len(times) * 0.95) - 1] * 1000
    print(f"{len(times)} payments: total {sum(times):.2f} s, p50 {p50:.2f} ms, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
