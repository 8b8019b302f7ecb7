"""Write cost of the groups' yearly summary (the triggers of migration 0045_groups_report) on
SQLite: N payments' amount changes on issued invoices and N customers joining a group, each
statement timed with the triggers and again without them (dropped inside the same transaction),
every change rolled back, so the file is left as it was. Point it at a copy of the bench
database at 0045 or later (the file is not migrated here).

    .venv/bin/python bench/summary_writes.py --db /tmp/copy.db [--rows 2000] [--rounds 2]
"""

import argparse
import sqlite3
import statistics
import time

TRIGGERS = ("year_insert", "year_delete", "year_update", "member_insert", "member_delete",
            "member_update")  # fmt: skip


def _time(con, statement: str, ids: list[int], without: bool) -> tuple[float, float]:
    """(wall, CPU) ms per statement, each run once per id in one transaction rolled back."""
    con.execute("BEGIN")
    try:
        if without:
            for name in TRIGGERS:
                con.execute(f"DROP TRIGGER group_year_sales_{name}")
        wall, cpu = time.perf_counter(), time.process_time()
        for row_id in ids:
            con.execute(statement, (row_id,))
        count = len(ids) or 1
        return ((time.perf_counter() - wall) * 1000 / count,
                (time.process_time() - cpu) * 1000 / count)  # fmt: skip
    finally:
        con.execute("ROLLBACK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    con = sqlite3.connect(args.db, isolation_level=None)
    invoices = [row[0] for row in con.execute(
        "SELECT id FROM sales_documents WHERE kind = 'invoice' AND status = 'unpaid' "
        "ORDER BY issue_date DESC LIMIT ?", (args.rows,))]  # fmt: skip
    group = con.execute("SELECT MIN(id) FROM customer_groups").fetchone()[0]
    customers = [row[0] for row in con.execute(
        "SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM customer_group_members "
        "WHERE group_id = ?) ORDER BY id LIMIT ?", (group, args.rows))]  # fmt: skip
    cases = {
        "invoice paid amount changed": (
            "UPDATE sales_documents SET amount_paid = amount_paid + 1 WHERE id = ?", invoices),
        "customer joins a group": (
            f"INSERT INTO customer_group_members (customer_id, group_id) VALUES (?, {group})",
            customers),
    }  # fmt: skip
    print(f"{'per statement':30} {'with ms':>9} {'CPU':>7} {'without':>9} {'CPU':>7}  CPU ratio")
    for name, (statement, ids) in cases.items():
        runs = {False: [], True: []}
        for _ in range(args.rounds):
            for without in (False, True):
                runs[without].append(_time(con, statement, ids, without))
        (wall, cpu), (bare_wall, bare_cpu) = (
            tuple(statistics.median(values) for values in zip(*runs[key], strict=True))
            for key in (False, True)
        )
        print(f"{name:30} {wall:9.3f} {cpu:7.3f} {bare_wall:9.3f} {bare_cpu:7.3f}  "
              f"x{cpu / bare_cpu:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
