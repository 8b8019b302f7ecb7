"""Customer search benchmark: p50/p95 server time of the customer list's searches, beside the SQL.

    .venv/bin/python bench/search.py --db /tmp/copy.db [--rounds 40] [--code PATH]
    .venv/bin/python bench/search.py --url postgresql+psycopg://…  (made by bench/generate.py)

Server time = the whole request in-process (wall clock; CPU = this process's CPU time, less
disturbed by other work on the machine); SQL = the request's SELECTs replayed alone.
Runs in-process against a copy of bench/out/bench.db (never the original). `--code` runs another
checkout's app (e.g. a detached worktree at the commit before a change) on the same database, so
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
from urllib.parse import quote

parser = argparse.ArgumentParser(description=__doc__)
where = parser.add_mutually_exclusive_group(required=True)
where.add_argument("--db")
where.add_argument("--url")
parser.add_argument("--rounds", type=int, default=40)
parser.add_argument("--code", default=str(Path(__file__).resolve().parents[1]))
ARGS = parser.parse_args()
sys.path.insert(0, str(Path(ARGS.code).resolve()))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Contact, Customer, User  # noqa: E402
from app.services.sessions import open_session  # noqa: E402


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def main() -> None:
    url = ARGS.url
    if url is None:
        path = Path(ARGS.db).resolve()
        if path == (Path(__file__).resolve().parent / "out" / "bench.db").resolve():
            sys.exit("point --db at a copy of bench/out/bench.db")
        url = f"sqlite:///{path}"
    app = create_app(
        {
            "SECRET_KEY": "bench-secret-key-0123456789abcdef",
            "SQLALCHEMY_DATABASE_URI": url,
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
        company = db.session.scalar(select(Customer.company).where(Customer.id == 54_321))
        email = db.session.scalar(select(Contact.email).where(Contact.id == 123_457))
        engine = db.engine
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = identity
    searches = {
        "full company name": company,
        "one common word": "alpha",
        "common word, page 2": "alpha&page=2",
        "common word, page 60": "alpha&page=60",
        # the names' first words are spread evenly: "zenith" customers come late in name order
        "common word, late": "zenith",
        "late, page 40": "zenith&page=40",
        "late, Z to A": "zenith&sort=-company",
        "two common words": "alpha nova",
        "two words, late": "zenith nova",
        # two contacts' first names: their shared customers are scattered, not side by side
        "two words, scattered": "claire hugo",
        "common + rare word": "urbain 54321",
        "contact email": email,
        "a word prefix": "fro",
        "no match": "zzzzq",
    }
    statements: list = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append((a[2], a[3])))
    print(
        f"{'search':<22}{'p50 ms':>8}{'p95 ms':>8}{'CPU p50':>9}{'SQL p50':>9}{'queries':>9}"
        "  page  shown"
    )
    for name, q in searches.items():
        url = f"/admin/customers?q={quote(q, safe='&=')}"
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
        body = response.get_data(as_text=True)
        shown = body.split('class="total">')[1].split("·")[0].strip()
        # the customers listed, in order, as a short digest: equal digests, equal pages
        page = hashlib.sha1(" ".join(re.findall(r'href="/admin/customers/(\d+)"', body)).encode())
        print(
            f"{name:<22}{statistics.median(times) * 1000:>8.1f}{percentile(times, 95) * 1000:>8.1f}"
            f"{statistics.median(cpu) * 1000:>9.1f}{statistics.median(sql) * 1000:>9.1f}"
            f"{len(statements):>9}  {page.hexdigest()[:4]}  {shown}"
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
