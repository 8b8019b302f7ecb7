"""The two ways a database is copied out and back: SQLite's online backup API, and PostgreSQL's
pg_dump (custom format, in the snapshot the row counts were read in) and pg_restore."""

import os
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.engine import Connection, Engine, make_url

from app.services.schema_version import database_revision


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def table_counts(connection: Connection) -> dict[str, int]:
    """Rows in every table of the database (its own list, not the models')."""
    names = sorted(inspect(connection).get_table_names())
    return {
        name: connection.execute(select(func.count()).select_from(table(name))).scalar_one()
        for name in names
        if not name.startswith("sqlite_")
    }


def sqlite_path(engine: Engine) -> Path:
    """The file of a SQLite database URL."""
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(database)


def sqlite_backup(engine: Engine, target: Path) -> tuple[dict[str, int], str | None]:
    """Copy the live database page by page in one read transaction (consistent while others
    write), then read the counts and revision from the copy itself."""
    source = sqlite3.connect(sqlite_path(engine))
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        source.close()
        copy.close()
    from sqlalchemy import create_engine

    copy_engine = create_engine(f"sqlite:///{target}")
    try:
        with copy_engine.connect() as connection:
            return table_counts(connection), database_revision(connection)
    finally:
        copy_engine.dispose()


def sqlite_restore(engine: Engine, dump: Path) -> None:
    """Write the archived database into the (empty) target file through the backup API."""
    engine.dispose()
    source = sqlite3.connect(dump)
    target = sqlite3.connect(sqlite_path(engine))
    try:
        source.execute("PRAGMA quick_check").fetchall()
        source.backup(target)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"The archived database is unreadable: {error}") from error
    finally:
        source.close()
        target.close()


def pg_program(engine: Engine, name: str) -> str:
    """pg_dump/pg_restore of the server's major version when installed, else the newest."""
    with engine.connect() as connection:
        major = int(connection.execute(text("SHOW server_version_num")).scalar_one()) // 10000
    exact = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if exact.exists():
        return str(exact)
    installed = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    return str(installed[-1]) if installed else name


def pg_environment(engine: Engine) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment carrying it (so
    it never shows in the process list)."""
    url = make_url(engine.url)
    parts = {
        "host": url.host,
        "port": url.port,
        "dbname": url.database,
        "user": url.username,
        **{key: value for key, value in url.query.items() if isinstance(value, str)},
    }

    def quoted(value) -> str:
        return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"

    conninfo = " ".join(f"{key}={quoted(value)}" for key, value in parts.items() if value)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    return conninfo, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    # The program is pg_dump/pg_restore; the arguments are ours (no shell).
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except OSError as error:  # not installed
        raise BackupError(f"{what} could not run: {error}") from error
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip() or done.returncode}")


def pg_backup(engine: Engine, target: Path) -> tuple[dict[str, int], str | None]:
    """Export one snapshot: count rows in it and let pg_dump copy exactly it (--snapshot)."""
    conninfo, env = pg_environment(engine)
    program = pg_program(engine, "pg_dump")
    with engine.connect() as plain:
        connection = plain.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            counts = table_counts(connection)
            revision = database_revision(connection)
            _run(
                [program, "--format=custom", f"--snapshot={snapshot}", "--file", str(target)]
                + ["--dbname", conninfo],
                env,
                "pg_dump",
            )
    return counts, revision


def pg_restore(engine: Engine, dump: Path) -> None:
    """Load the dump in one transaction: an error leaves the database as empty as it was."""
    conninfo, env = pg_environment(engine)
    with engine.begin() as connection:  # an empty alembic_version left by `db upgrade` of nothing
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    _run(
        [pg_program(engine, "pg_restore"), "--no-owner", "--no-privileges"]
        + ["--single-transaction", "--exit-on-error", "--dbname", conninfo, str(dump)],
        env,
        "pg_restore",
    )
