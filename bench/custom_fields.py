"""Custom-field filters on the customer list: p50/p95 server time of page 1 with one filter of
each kind, at 100,000 customers with three customer fields (one value each: 300,000 values).

    .venv/bin/python bench/custom_fields.py --db /tmp/copy.db --setup   (once: adds the fields)
    .venv/bin/python bench/custom_fields.py --db /tmp/copy.db [--rounds 30] [--code PATH]
    .venv/bin/python bench/custom_fields.py --url postgresql+psycopg://…  (made by generate.py)

`--setup` adds the fields and their values with plain SQL (so any checkout since custom fields
can read them): *tier* (one choice of 50: 2,000 customers each), *seats* (a number, 1 to 1,000)
and *code* (a text of two words of 200 and a number: a word is in about 1% of the values).
`--code` runs another checkout's app (a detached worktree at the commit before a change) on a
copy of the same database; it first upgrades the database to that checkout's migrations. Report
the figures as ratios of the two, from the same run.
"""

import argparse
import logging
import random
import statistics
import sys
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__)
where = parser.add_mutually_exclusive_group(required=True)
where.add_argument("--db")
where.add_argument("--url")
parser.add_argument("--rounds", type=int, default=30)
parser.add_argument("--setup", action="store_true")
parser.add_argument("--code", default=str(Path(__file__).resolve().parents[1]))
ARGS = parser.parse_args()
sys.path.insert(0, str(Path(ARGS.code).resolve()))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import User  # noqa: E402
from app.services.sessions import open_session  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ne", "po", "ru", "sa", "ti", "vo", "ze"]
# 200 words of 3 syllables ("kalomi"), "e" accented ("lonévo"): the filter types it "Lonevo"
VOCABULARY = [
    (a + b + c).replace("e", "é") for a in SYLLABLES[:2] for b in SYLLABLES for c in SYLLABLES
]
FILTERS = {
    "none": "",
    "choice (2%)": "cf_tier=t17",
    "number range (5%)": "cf_seats_min=100&cf_seats_max=149",
    "text word (1%)": "cf_code=Lonevo",
    "text prefix (5%)": "cf_code=kalo",
    "text, no match": "cf_code=zzzq",
    "choice + text": "cf_tier=t17&cf_code=lonevo",
}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def _terms(conn, field_id: int, values: list[tuple[int, str]]) -> None:
    """The text field's words, as the app writes them with its values (a checkout with
    `custom_field_terms`; an older one reads every value and needs none)."""
    try:
        from app.services.custom_fields.terms import value_terms
    except ImportError:
        return
    rows = [{"field": field_id, "record": record, "term": term}
            for record, value in values for term in sorted(value_terms([value]))]  # fmt: skip
    insert = text("INSERT INTO custom_field_terms (field_id, record_id, term)"
                  " VALUES (:field, :record, :term)")  # fmt: skip
    for start in range(0, len(rows), 20_000):
        conn.execute(insert, rows[start : start + 20_000])


def setup() -> None:
    """Three listed customer fields and one value of each per customer (plain SQL)."""
    rng = random.Random(19)
    conn = db.session.connection()
    ids = list(db.session.scalars(text("SELECT id FROM customers ORDER BY id")))
    fields = {}
    for position, (key, kind) in enumerate((("tier", "choice"), ("seats", "number"),
                                            ("code", "text"))):  # fmt: skip
        conn.execute(text(
            "INSERT INTO custom_field_definitions (entity_type, key, labels, field_type, required,"
            " section, in_lists, searchable, on_pdf, in_portal, position, active, created_at)"
            " VALUES ('customer', :key, :labels, :kind, false, 'details', true, false, false,"
            " false, :position, true, CURRENT_TIMESTAMP)"
        ), {"key": key, "labels": f'{{"en": "{key.title()}"}}', "kind": kind,
            "position": position})  # fmt: skip
        fields[key] = conn.scalar(
            text("SELECT id FROM custom_field_definitions WHERE key = :key"), {"key": key}
        )
    conn.execute(text(
        "INSERT INTO custom_field_choices (field_id, key, labels, position)"
        " VALUES (:field, :key, :labels, :n)"
    ), [{"field": fields["tier"], "key": f"t{n}", "labels": f'{{"en": "Tier {n}"}}', "n": n}
        for n in range(50)])  # fmt: skip
    insert = text(
        "INSERT INTO custom_field_values (entity_type, record_id, field_id, value_text,"
        " value_number) VALUES ('customer', :record, :field, :text, :number)"
    )
    rows = []
    for customer_id in ids:
        code = f"{rng.choice(VOCABULARY).title()} {rng.choice(VOCABULARY)} {rng.randrange(10**4)}"
        rows += [
            {"record": customer_id, "field": fields["tier"], "text": f"t{customer_id % 50}",
             "number": None},
            {"record": customer_id, "field": fields["seats"], "text": None,
             "number": rng.randrange(1, 1001)},
            {"record": customer_id, "field": fields["code"], "text": code, "number": None},
        ]  # fmt: skip
    for start in range(0, len(rows), 20_000):
        conn.execute(insert, rows[start : start + 20_000])
    _terms(conn, fields["code"], [(r["record"], r["text"]) for r in rows
                                  if r["field"] == fields["code"]])  # fmt: skip
    db.session.commit()
    print(f"{len(rows)} values on {len(ids)} customers", file=sys.stderr)


def main() -> None:
    url = ARGS.url or f"sqlite:///{Path(ARGS.db).resolve()}"
    app = create_app({"SECRET_KEY": "bench-secret-key-0123456789abcdef",
                      "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})  # fmt: skip
    logging.disable(logging.INFO)
    with app.app_context():
        upgrade()  # the database gets this code's migrations (its terms, its indexes)
        if ARGS.setup:
            setup()
            return
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        admin = db.session.scalar(select(User).where(User.email == "bench@example.com"))
        open_session(admin)
        identity = admin.get_id()
        db.session.commit()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = identity
    print(f"{'filter':<20}{'p50 ms':>8}{'p95 ms':>8}{'CPU p50':>9}  shown")
    for name, query in FILTERS.items():
        path = f"/admin/customers?{query}"
        for _ in range(3):
            client.get(path)
        times, cpu = [], []
        for _ in range(ARGS.rounds):
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            assert response.status_code == 200, (name, response.status_code)
        page = response.get_data(as_text=True)
        shown = page.split('class="total">')[1].split("<")[0].split("·")[0].strip()
        print(
            f"{name:<20}{statistics.median(times) * 1000:>8.1f}"
            f"{percentile(times, 95) * 1000:>8.1f}{statistics.median(cpu) * 1000:>9.1f}  {shown}"
        )


if __name__ == "__main__":
    main()
