"""Many rows into one table at once, in the session's transaction. PostgreSQL: COPY (the rows
streamed, no statement to parse: psycopg 3 sends an executemany as one statement per row, and a
multi-row INSERT's thousands of placeholders cost it more to parse than to run). SQLite: one
executemany (its driver loops in C)."""

from sqlalchemy import insert

from app.extensions import db


def insert_rows(model, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys: column names) into `model`'s table. Nothing is
    read back: for rows no one reads in this transaction but through queries (search terms,
    activity lines). Each value goes through its column's type as an INSERT would send it (a
    JSON column's None is JSON null, a date is made UTC), so both ways store the same."""
    if not rows:
        return
    columns, table = list(rows[0]), model.__table__
    missing = [c.name for c in table.c if c.default is not None and c.name not in columns]
    if missing:  # COPY would leave them to the database, which does not know these defaults
        raise ValueError(f"insert_rows into {table.name} needs values for {missing}")
    bind = db.session.get_bind()
    if bind.dialect.name != "postgresql":
        db.session.execute(insert(model), rows)
        return
    process = [_bind_processor(table.c[name].type, bind.dialect) for name in columns]
    names = ", ".join(f'"{name}"' for name in columns)
    sql = f'COPY "{table.name}" ({names}) FROM STDIN'
    raw = db.session.connection().connection.dbapi_connection
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([row[name] if p is None else p(row[name])
                            for name, p in zip(columns, process, strict=True)])  # fmt: skip


def _bind_processor(column_type, dialect):
    """What SQLAlchemy applies to a value of this type before sending it (None: nothing)."""
    return column_type.dialect_impl(dialect).bind_processor(dialect)
