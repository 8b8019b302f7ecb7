"""Database wiring: SQLite pragmas for the embedded default; a session ended quietly when
the database went away after the answer was made."""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError

from app.extensions import db


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL for concurrent readers, enforced foreign keys, wait instead of failing on locks."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def configure_database(app: Flask) -> None:
    """Bind Flask-SQLAlchemy and, on SQLite, set the pragmas on every new connection."""
    db.init_app(app)
    app.teardown_appcontext(_end_session_quietly)  # after init_app: it runs first
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)


def _end_session_quietly(_error) -> None:
    """Close the request's session before Flask-SQLAlchemy does (teardowns run last added
    first). When the database stopped after the answer was made, the ROLLBACK of closing fails:
    raised here it would escape Flask and gunicorn would send a bare 500 in place of the answer
    (seen under bench/load_faults.py). The connection is dropped instead; the pool replaces it."""
    try:
        db.session.remove()
    except DBAPIError:
        db.session().invalidate()  # drop the connection unused, no ROLLBACK on it
        db.session.registry.clear()
