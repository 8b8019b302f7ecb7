"""Make a database of N customers with 2 contacts each, built by the real migrations.

.venv/bin/python bench/generate.py --customers 100000 --out bench/out/bench.db
.venv/bin/python bench/generate.py --customers 100000 --url postgresql+psycopg://…  (empty database)
"""

import argparse
import random
import sys
import time
from contextlib import contextmanager
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402

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
from app.services.customers.normalize import company_key  # noqa: E402
from app.services.customers.search import customer_terms, words  # noqa: E402
from bench.generate_load import Loader  # noqa: E402
from bench.generate_modules import MODULE_TABLES, add_invoices, add_modules  # noqa: E402

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
BATCH = 50_000
CUSTOMER_COLUMNS = (
    "id", "company", "company_key", "vat_number", "phone", "country", "city", "active",
    "created_at", "version", "currency_id",
)  # fmt: skip
CONTACT_COLUMNS = (
    "id", "customer_id", "first_name", "last_name", "email", "phone", "is_primary", "active",
    "session_token", "created_at",
)  # fmt: skip


class Row:
    """Stand-in with the attributes customer_terms() reads."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


@cache
def _words(text: str) -> frozenset[str]:
    return frozenset(words(text))


def generated_terms(cid: int, parts: tuple[str, ...], emails: tuple[str, ...]) -> set[str]:
    """customer_terms() of a generated customer, without its per-row cost: the company's and
    names' words come from a cache (space-separated parts are searched word by word), the
    generated emails and phone are plain ASCII whose words are known. A sample is checked
    against customer_terms() as it goes, and tests/unit/test_bench_generate.py checks them all."""
    terms = {str(cid), f"3314{cid:07d}", f"14{cid:07d}"}
    for part in parts:
        terms |= _words(part)
    for email in emails:
        local, domain = email.split("@")
        terms.update((email, local, domain.split(".", 1)[0], "example", "com"))
    return terms


def _customers(loader: Loader, rng, customers: int, group_ids: list[int]) -> None:
    """`customers` customers of two contacts each, their search terms and group memberships."""
    now, contact_id = loader.now, 0
    for start in range(1, customers + 1, BATCH):
        cust_rows, contact_rows, term_rows, member_rows = [], [], [], []
        for cid in range(start, min(start + BATCH, customers + 1)):
            first, second, suffix = rng.choice(WORDS), rng.choice(WORDS), rng.choice(SUFFIXES)
            company = f"{first.title()} {second.title()} {cid} {suffix}".strip()
            phone = f"+3314{cid:07d}"
            key = company_key(company)
            cust_rows.append(
                (cid, company, key, None, phone, "FR", "Paris",
                 rng.random() > 0.1, now, 1, 1)
            )  # fmt: skip
            parts, emails = [first, second, suffix], []
            for n in range(2):
                contact_id += 1
                name = (rng.choice(FIRST), rng.choice(LAST))
                email = f"person{contact_id}@c{cid}.example.com"
                contact_rows.append(
                    (contact_id, cid, *name, email, None, n == 0, True, f"{contact_id:032d}", now)
                )
                parts += name
                emails.append(email)
            terms = generated_terms(cid, tuple(parts), tuple(emails))
            if cid % 997 == 1:
                _check_terms(terms, company, phone, contact_rows[-2:])
            term_rows += [(cid, term, key) for term in sorted(terms)]
            member_rows += [(cid, gid) for gid in rng.sample(group_ids, rng.randint(0, 2))]
        loader.insert("customers", CUSTOMER_COLUMNS, cust_rows)
        loader.insert("contacts", CONTACT_COLUMNS, contact_rows)
        loader.insert("customer_search_terms", ("customer_id", "term", "company_key"), term_rows)
        loader.insert("customer_group_members", ("customer_id", "group_id"), member_rows)


def _check_terms(terms: set[str], company: str, phone: str, contacts: list[tuple]) -> None:
    people = [Row(**dict(zip(CONTACT_COLUMNS, row, strict=True))) for row in contacts]
    customer = Row(company=company, vat_number=None, phone=phone, contacts=people)
    expected = customer_terms(customer)
    if terms != expected:
        raise AssertionError(f"search terms of {company}: {sorted(terms ^ expected)}")


def generate(app, customers: int, invoices: int = 0, seed: int = 7) -> None:
    """Fill the (empty) database of `app` through the migrations, then with generated rows."""
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
        db.session.close()
        db.engine.dispose()  # the load's connection is then the only one (SQLite: journal off)
        tables = [
            Customer.__table__, Contact.__table__, CustomerSearchTerm.__table__,
            customer_group_members, *MODULE_TABLES,
        ]  # fmt: skip
        with Loader(db.engine, tables) as loader:
            with phase("customers, contacts, search terms, groups"):
                _customers(loader, rng, customers, group_ids)
            with phase("invoices"):
                add_invoices(loader, rng, customers, invoices)
            with phase("contracts, projects, tasks"):
                add_modules(loader, rng, customers, customers // 5, customers // 10)
            with phase("indexes"):
                loader.finish()
        with phase("ANALYZE"), db.engine.connect() as conn:
            if db.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("ANALYZE")
            else:  # VACUUM too: the tables as autovacuum soon leaves them, their pages marked
                # all-visible (else an index-only scan still reads the rows: page 2000 of the
                # customer list read 11,769 of them, 17 ms against 8)
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "VACUUM ANALYZE"
                )


@contextmanager
def phase(name: str):
    """Print how long a step took (wall clock and this process's CPU) to stderr."""
    started, cpu = time.perf_counter(), time.process_time()
    yield
    print(
        f"  {name}: {time.perf_counter() - started:.1f} s (CPU {time.process_time() - cpu:.1f} s)",
        file=sys.stderr,
    )


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
