"""Customer import: time and peak memory of importing N rows (one customer and its contact each,
VAT-free, keyed on the external id), on a fresh database, with baselines from the same run:
reading the file alone, and the dry run (every check, nothing written).

    .venv/bin/python bench/import.py --db /tmp/import_bench.db [--rows 100000]
    .venv/bin/python bench/import.py --url postgresql+psycopg://… [--rows 100000]

The file is made here (CSV, as our export writes it); `bench/import_file.py` (wt-impfile) makes
richer ones. `--custom`: one more column, mapped to a text custom field of customers ("tier",
made if missing; a value of two words a row). Each step prints its wall clock, the CPU time of
this process (comparable while the machine is busy), the statements it sent, and peak memory
(maximum resident size so far).
"""

import argparse
import csv
import hashlib
import io
import logging
import resource
import sys
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__)
where = parser.add_mutually_exclusive_group(required=True)
where.add_argument("--db")
where.add_argument("--url")
parser.add_argument("--rows", type=int, default=100_000)
parser.add_argument("--custom", action="store_true", help="a text custom field column too")
ARGS = parser.parse_args()
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.services.imports.reading import iter_rows  # noqa: E402
from app.services.imports.runs import check_import, new_import, run_import, start_import  # noqa: E402

HEADER = ["Company", "Country", "Phone", "First name", "Last name", "Email", "Code", "City"]
MAPPING = ["company", "country", "phone", "contact_first_name", "contact_last_name",
           "contact_email", "external_id", "city"]  # fmt: skip


def make_file(rows: int, custom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*HEADER, "Tier"] if custom else HEADER)
    for n in range(rows):
        row = [f"Firm {n} SARL", "FR", f"01 {n % 90 + 10} {n % 89 + 10} 45 67",
               "Ann", f"Lee{n}", f"ann{n}@firm{n}.example", f"F{n}", "Lyon"]  # fmt: skip
        writer.writerow([*row, f"Tier {n % 7}"] if custom else row)
    return out.getvalue().encode()


def tier_field() -> None:
    """The customers' text custom field "tier" (`--custom`), made if missing."""
    from app.models import CustomFieldDefinition

    if not db.session.query(CustomFieldDefinition).filter_by(entity_type="customer",
                                                             key="tier").count():  # fmt: skip
        db.session.add(CustomFieldDefinition(entity_type="customer", key="tier",
                                             field_type="text", labels={"en": "Tier"},
                                             section="details"))  # fmt: skip
        db.session.commit()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, run) -> None:
    """Wall clock, this process's CPU (the machine may be busy), the statements sent (each a
    round trip; an executemany counts once) and peak memory."""
    sent = [0]

    def count(*_args):
        sent[0] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    start, cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    event.remove(db.engine, "before_cursor_execute", count)
    print(f"{label:<24} {wall:7.1f} s  CPU {cpu:6.1f} s  {sent[0]:8,} statements  "
          f"peak {peak_mb():5.0f} MB", flush=True)  # fmt: skip


def main() -> None:
    url = ARGS.url or f"sqlite:///{Path(ARGS.db).resolve()}"
    app = create_app({"SECRET_KEY": "bench-secret-key-0123456789abcdef",
                      "SQLALCHEMY_DATABASE_URI": url, "QUEUE_IMMEDIATE": True})  # fmt: skip
    logging.disable(logging.INFO)
    with app.app_context():
        upgrade()
        content = make_file(ARGS.rows, ARGS.custom)
        if ARGS.custom:
            tier_field()
        custom = ", a text custom field" if ARGS.custom else ""
        print(f"{ARGS.rows:,} rows{custom}, {len(content) / 1e6:.1f} MB, {db.engine.dialect.name}")
        imp = new_import(None, "bench.csv", content, hashlib.sha256(content).hexdigest())
        imp.mapping = [*MAPPING, "custom:tier"] if ARGS.custom else MAPPING
        imp.options = {**imp.options, "key": "external_id"}
        db.session.commit()
        import_id = imp.id
        timed("reading the file", lambda: sum(1 for _ in iter_rows(content, "bench.csv")))
        timed("dry run (checks only)", lambda: check_import(import_id))
        start_import(db.session.get(type(imp), import_id))
        db.session.commit()
        timed("import (chunks of 500)", lambda: run_import(import_id))
        done = db.session.get(type(imp), import_id)
        print(f"status {done.status}: {done.created:,} created, {done.refused:,} refused")


main()
