"""Billing run timing: N recurring invoices all due on one day, then a second run (nothing to do).

    .venv/bin/python bench/billing.py [--profiles 10000] [--db bench/out/bench.db]

With `--db` (default bench/out/bench.db, when `make bench` built it: 100,000 customers and
200,000 invoices) the run works on a copy of that database, so the invoices sit among the
existing ones; without it, on a fresh database built by the migrations. The profiles are
inserted in bulk (one line, one tax, monthly, in draft mode: no PDF or email), then `run_due`
is timed as the worker calls it. Not run by pytest.
"""

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, insert, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import (  # noqa: E402
    Currency,
    Customer,
    Document,
    RecurringInvoice,
    RecurringItem,
    RecurringItemTax,
    TaxRate,
)
from app.models.types import utcnow  # noqa: E402
from app.services.recurring.run import run_due  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2027, 3, 1)


def make_app(database: Path, folder: Path):
    app = create_app({
        "SECRET_KEY": "bench-secret-key-0123456789abcdef",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "QUEUE_URL": f"sqlite:///{folder / 'queue.db'}",
        "INSTANCE_PATH": str(folder),
        "MAIL_PORT": 9,
    })  # fmt: skip
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
    return app


def customers(count: int) -> list[int]:
    """`count` customer ids: the database's first ones, and new ones for what is missing."""
    ids = list(db.session.scalars(select(Customer.id).order_by(Customer.id).limit(count)))
    missing = count - len(ids)
    if missing:
        db.session.execute(insert(Customer), [
            {"company": f"Billing bench {n}", "company_key": f"billing bench {n}",
             "created_at": utcnow()} for n in range(missing)
        ])  # fmt: skip
        db.session.commit()
        ids = list(db.session.scalars(select(Customer.id).order_by(Customer.id).limit(count)))
    return ids


def add_profiles(count: int) -> None:
    """`count` monthly profiles, one line with one tax, all starting (and due) on DAY."""
    if db.session.scalar(select(Currency).where(Currency.code == "EUR")) is None:
        db.session.add(Currency(code="EUR", symbol="€", decimals=2, is_default=True))
    tax = db.session.scalar(select(TaxRate).limit(1))
    if tax is None:
        tax = TaxRate(name="VAT", percent=Decimal(20))
        db.session.add(tax)
    db.session.commit()
    now = utcnow()
    rows = [
        {"customer_id": c, "currency_code": "EUR", "currency_decimals": 2, "language": "en",
         "discount_type": "none", "discount_value": 0, "discount_before_tax": True,
         "total": Decimal("1200"), "interval_count": 1, "interval_unit": "month",
         "start_date": DAY, "end_type": "never", "mode": "draft", "active": True,
         "next_date": DAY, "invoices_created": 0, "created_at": now, "updated_at": now}
        for c in customers(count)
    ]  # fmt: skip
    db.session.execute(insert(RecurringInvoice), rows)
    profile_ids = db.session.scalars(select(RecurringInvoice.id)).all()
    db.session.execute(insert(RecurringItem), [
        {"profile_id": p, "position": 0, "description": "Monthly retainer",
         "quantity": Decimal(1), "rate": Decimal(1000)} for p in profile_ids
    ])  # fmt: skip
    item_ids = db.session.scalars(select(RecurringItem.id)).all()
    db.session.execute(insert(RecurringItemTax), [
        {"item_id": i, "tax_rate_id": tax.id, "name": tax.name, "percent": tax.percent}
        for i in item_ids
    ])  # fmt: skip
    db.session.commit()


def timed(label: str, day: date) -> None:
    start = time.perf_counter()
    summary = run_due(day)
    seconds = time.perf_counter() - start
    rate = summary.created / seconds if seconds else 0
    print(f"{label}: {seconds:.1f} s, {rate:.1f} invoices/s ({summary})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=10000)
    parser.add_argument("--db", default=str(ROOT / "bench" / "out" / "bench.db"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "billing.db"
        source = Path(args.db)
        if source.exists():
            print(f"copying {source} …")
            shutil.copy(source, database)
        app = make_app(database, Path(folder))
        with app.app_context():
            if db.session.scalar(select(func.count()).select_from(RecurringInvoice)):
                db.session.execute(text("DELETE FROM recurring_invoices"))
                db.session.commit()
            add_profiles(args.profiles)
            invoices = db.session.scalar(select(func.count()).select_from(Document))
            print(f"{args.profiles} recurring invoices due on {DAY}; {invoices} documents already")
            db.session.remove()
            timed("first run", DAY)
            timed("second run (nothing to do)", DAY)


if __name__ == "__main__":
    main()
