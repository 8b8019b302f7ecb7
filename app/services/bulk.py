"""Many rows into one table at once, in the session's transaction. PostgreSQL: COPY (the rows
streamed, no statement to parse: psycopg 3 sends an executemany as one statement per row, and a
multi-row INSERT's thousands of placeholders cost it more to parse than to run). SQLite: one
executemany (its driver loops in C)."""

from sqlalchemy import insert

from app.extensions import db


def insert_rows(model, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys: column names) into `model`'s table. Nothing is
    read back: for rows no one reads in this transaction but through queries (search terms)."""
    if not rows:
        return
    if db.session.get_bind().dialect.name != "postgresql":
        db.session.execute(insert(model), rows)
        return
    columns = list(rows[0])
    names = ", ".join(f'"{name}"' for name in columns)
    sql = f'COPY "{model.__table__.name}" ({names}) FROM STDIN'
    raw = db.session.connection().connection.dbapi_connection
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([row[name] for name in columns])
