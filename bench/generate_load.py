"""Bulk loading for bench/generate.py: rows go straight to the DBAPI connection (one
transaction on SQLite), never through the ORM.

SQLite: for the load only, no rollback journal, no syncing, no foreign-key lookups per row and a
large page cache (each restored after, and the file back in WAL mode); the loaded tables'
secondary indexes are dropped first and re-created after with the very SQL the migrations wrote
(SQLite keeps it in `sqlite_master`), so the schema ends exactly as the migrations make it and
each index is built by one sort instead of millions of random inserts.
PostgreSQL: one COPY per batch, committed every PG_CHUNK rows, then each loaded table's id
sequence set past its highest id (explicit ids do not move a sequence). The commits keep each
transaction's locks few: the sales summaries' triggers (0032) take an advisory lock per
customer, and 100,000 customers' locks in one transaction overflow the lock table
("out of shared memory ... max_locks_per_transaction") at the server's default size.
"""

import time
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import Table

PG_CHUNK = 2_000  # rows per COPY and transaction: at most as many customers' advisory locks

# name, value for the load, restored afterwards from what the connection had
SQLITE_LOAD = (
    ("journal_mode", "OFF"),
    ("synchronous", "OFF"),
    ("foreign_keys", "OFF"),
    ("cache_size", "-3000000"),  # 3 GB: a 1,000,000-customer file stays in memory while it grows
    ("temp_store", "MEMORY"),  # the index sorts
)


class Loader:
    """Inserts rows (tuples in the order of the columns given) into the tables it is given;
    `finish()` ends the load (without it, the load is abandoned)."""

    def __init__(self, engine, tables: list[Table]):
        self.raw = engine.raw_connection()
        self.sqlite = engine.dialect.name == "sqlite"
        self.tables = {table.name: table for table in tables}
        self.indexes: list[tuple[str, str]] = []
        self.restore: list[tuple[str, str]] = []
        self.now = self.stamp(datetime.now(UTC))
        self._dates: dict[date, object] = {}
        self.cpu: dict[str, float] = {}  # CPU seconds spent inserting, per table

    def __enter__(self) -> "Loader":
        cursor = self.raw.cursor()
        if self.sqlite:
            for pragma, value in SQLITE_LOAD:
                was = cursor.execute(f"PRAGMA {pragma}").fetchone()[0]
                self.restore.append((pragma, str(was)))
                cursor.execute(f"PRAGMA {pragma}={value}")
            marks = ", ".join("?" for _ in self.tables)
            self.indexes = cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                f" AND tbl_name IN ({marks}) ORDER BY name",
                list(self.tables),
            ).fetchall()
            for name, _sql in self.indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, kind, error, traceback) -> None:
        self.raw.close()

    def finish(self) -> None:
        """Commit, put back the indexes (SQLite) or the id sequences (PostgreSQL)."""
        self.raw.commit()
        cursor = self.raw.cursor()
        if self.sqlite:
            for _name, sql in self.indexes:
                cursor.execute(sql)
            self.raw.commit()
            for pragma, value in reversed(self.restore):
                cursor.execute(f"PRAGMA {pragma}={value}")
            return
        for name, table in self.tables.items():
            if "id" in table.c and table.c.id.primary_key:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}"
                    f" WHERE pg_get_serial_sequence('{name}', 'id') IS NOT NULL"
                    " HAVING max(id) IS NOT NULL"
                )
        self.raw.commit()

    def date(self, day: date):
        """A date as the database driver takes it (SQLite: ISO text, as SQLAlchemy writes it)."""
        found = self._dates.get(day)
        if found is None:
            found = self._dates[day] = day.isoformat() if self.sqlite else day
        return found

    def stamp(self, moment: datetime):
        """A UTC timestamp as the database driver takes it (SQLite: UTCDateTime's text)."""
        if self.sqlite:
            return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        return moment

    def defaults(self, table: Table, columns: tuple[str, ...]) -> tuple[list[str], tuple]:
        """The columns not given that have a plain default, and those defaults, as the ORM's
        insert would send them (a column with only a server default is left to the database)."""
        names, values = [], []
        for column in table.columns:
            if column.name in columns or column.default is None:
                continue
            if not column.default.is_scalar:
                if not column.nullable:
                    raise ValueError(f"{table.name}.{column.name} needs a value")
                continue
            value = column.default.arg
            if isinstance(value, Decimal) and self.sqlite:
                value = int(value) if value == value.to_integral_value() else str(value)
            names.append(column.name)
            values.append(value)
        return names, tuple(values)

    def insert(self, name: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert `rows` (tuples in the order of `columns`) into table `name`, defaults added."""
        if not rows:
            return
        extra_names, extra = self.defaults(self.tables[name], columns)
        names = ", ".join([*columns, *extra_names])
        if extra:
            rows = [row + extra for row in rows]
        cursor = self.raw.cursor()
        started = time.process_time()
        if self.sqlite:
            marks = ", ".join("?" for _ in range(len(columns) + len(extra)))
            cursor.executemany(f"INSERT INTO {name} ({names}) VALUES ({marks})", rows)
        else:
            for start in range(0, len(rows), PG_CHUNK):
                with cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
                    for row in rows[start : start + PG_CHUNK]:
                        copy.write_row(row)
                self.raw.commit()
        self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - started
