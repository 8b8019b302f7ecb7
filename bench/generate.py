"""Make a database of N customers with 2 contacts each, built by the real migrations.

.venv/bin/python bench/generate.py --customers 100000 --out bench/out/bench.db
.venv/bin/python bench/generate.py --customers 100000 --url postgresql+psycopg://…  (empty database)
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import (  # noqa: E402
    Contact,
    Currency,
    Customer,
    CustomerGroup,
    CustomerSearchTerm,
    User,
    customer_group_members,
)
from app.models.types import utcnow  # noqa: E402
from app.services.customers.normalize import company_key  # noqa: E402
from app.services.customers.search import customer_terms  # noqa: E402
from bench.generate_modules import add_modules  # noqa: E402

WORDS = [
    "alpha",
    "atlas",
    "boulangerie",
    "carrosserie",
    "conseil",
    "digital",
    "dupont",
    "electro",
    "fromagerie",
    "garage",
    "horizon",
    "immobilier",
    "jardin",
    "lumiere",
    "martin",
    "nova",
    "optique",
    "pixel",
    "quartz",
    "rivage",
    "solaire",
    "studio",
    "transports",
    "urbain",
    "vertex",
    "web",
    "xeno",
    "yoga",
    "zenith",
]
SUFFIXES = ["SARL", "SAS", "GmbH", "Ltd", "Inc.", "S.L.", ""]
FIRST = [
    "Claire",
    "Hugo",
    "Jonas",
    "Lucía",
    "Amelia",
    "Oliver",
    "Maya",
    "Luc",
    "Élise",
    "Nina",
    "Paul",
    "Sofia",
]
LAST = [
    "Martin",
    "Petit",
    "Müller",
    "Olivares",
    "Clarke",
    "Hughes",
    "Johnson",
    "Favre",
    "Dubois",
    "Rossi",
]
BATCH = 5000


class Row:
    """Stand-in with the attributes customer_terms() reads."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


def _invoices(rng, customers: int, count: int) -> None:
    """`count` invoices of one to three lines, spread over the customers and two years."""
    from datetime import date, timedelta
    from decimal import Decimal

    from app.models import Document, DocumentItem, NumberSequence

    start = date(2025, 1, 1)
    for first in range(1, count + 1, BATCH):
        documents, items = [], []
        for n in range(first, min(first + BATCH, count + 1)):
            issued = start + timedelta(days=rng.randrange(690))
            lines = [
                (Decimal(rng.randint(1, 5)), Decimal(rng.randint(10, 900)))
                for _ in range(rng.randint(1, 3))
            ]
            total = sum(q * r for q, r in lines)
            status = rng.choice(["unpaid", "paid", "paid", "partial", "draft"])
            documents.append(
                {
                    "id": n,
                    "kind": "invoice",
                    "sequence": n,
                    "number": f"INV-{n:06d}",
                    "customer_id": rng.randint(1, customers),
                    "status": status,
                    "issue_date": issued,
                    "due_date": issued + timedelta(days=30),
                    "currency_code": "EUR",
                    "currency_decimals": 2,
                    "language": "fr",
                    "client_company": f"Company {n}",
                    "include_shipping": False,
                    "discount_type": "none",
                    "discount_value": 0,
                    "discount_before_tax": True,
                    "subtotal": total,
                    "total": total,
                    "amount_paid": total if status == "paid" else 0,
                    "created_at": utcnow(),
                }
            )
            items += [
                {
                    "document_id": n,
                    "position": i,
                    "description": f"Item {i}",
                    "quantity": q,
                    "rate": r,
                }
                for i, (q, r) in enumerate(lines)
            ]
        db.session.execute(insert(Document), documents)
        db.session.execute(insert(DocumentItem), items)
        db.session.commit()
    if count:
        db.session.add(NumberSequence(kind="invoice", last=count))
        db.session.commit()


def generate(app, customers: int, invoices: int = 0, seed: int = 7) -> None:
    rng = random.Random(seed)
    with app.app_context():
        upgrade()
        db.session.add_all(
            [Currency(code="EUR", symbol="€", is_default=True), Currency(code="USD", symbol="$")]
        )
        groups = [CustomerGroup(name=f"Group {i}") for i in range(20)]
        db.session.add_all(groups)
        from app.services.roles import built_in_role

        admin = User(email="bench@example.com", name="Bench", role=built_in_role("administrator"))
        admin.set_password("bench-password-123")
        db.session.add(admin)
        db.session.commit()
        group_ids = [g.id for g in groups]
        now = utcnow()
        contact_id = 0
        for start in range(1, customers + 1, BATCH):
            ids = range(start, min(start + BATCH, customers + 1))
            cust_rows, contact_rows, term_rows, member_rows = [], [], [], []
            for cid in ids:
                company = (
                    f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {cid} "
                    f"{rng.choice(SUFFIXES)}"
                ).strip()
                phone = f"+3314{cid:07d}"
                cust_rows.append(
                    {
                        "id": cid,
                        "company": company,
                        "company_key": company_key(company),
                        "vat_number": None,
                        "phone": phone,
                        "country": "FR",
                        "city": "Paris",
                        "active": rng.random() > 0.1,
                        "created_at": now,
                        "version": 1,
                        "currency_id": 1,
                    }
                )
                people = []
                for n in range(2):
                    contact_id += 1
                    person = {
                        "id": contact_id,
                        "customer_id": cid,
                        "first_name": rng.choice(FIRST),
                        "last_name": rng.choice(LAST),
                        "email": f"person{contact_id}@c{cid}.example.com",
                        "phone": None,
                        "is_primary": n == 0,
                        "active": True,
                        "session_token": f"{contact_id:032d}",
                        "created_at": now,
                    }
                    contact_rows.append(person)
                    people.append(Row(**person))
                for term in customer_terms(
                    Row(company=company, vat_number=None, phone=phone, contacts=people)
                ):
                    term_rows.append({"customer_id": cid, "term": term})
                for gid in rng.sample(group_ids, rng.randint(0, 2)):
                    member_rows.append({"customer_id": cid, "group_id": gid})
            db.session.execute(insert(Customer), cust_rows)
            db.session.execute(insert(Contact), contact_rows)
            db.session.execute(insert(CustomerSearchTerm), term_rows)
            if member_rows:
                db.session.execute(insert(customer_group_members), member_rows)
            db.session.commit()
        _invoices(rng, customers, invoices)
        add_modules(rng, customers, contracts=customers // 5, projects=customers // 10)
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
        else:
            with db.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--invoices", type=int, default=200_000)
    parser.add_argument("--out", default="bench/out/bench.db")
    parser.add_argument("--url", help="an empty database to fill instead of --out (PostgreSQL)")
    args = parser.parse_args()
    out = args.url
    if out is None:
        path = Path(args.out).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        out = f"sqlite:///{path}"
    app = create_app(
        {
            "SECRET_KEY": "bench-secret-key-0123456789abcdef",
            "SQLALCHEMY_DATABASE_URI": out,
        }
    )
    started = time.perf_counter()
    generate(app, args.customers, args.invoices)
    print(
        f"{args.customers} customers, {2 * args.customers} contacts, {args.invoices} invoices, "
        f"{args.customers // 5} contracts, {args.customers // 10} projects in "
        f"{time.perf_counter() - started:.1f} s -> {out}"
    )


if __name__ == "__main__":
    main()
