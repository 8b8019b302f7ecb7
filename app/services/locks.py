"""Taking one row for the rest of a transaction, and savepoints that stay inside it, on SQLite
and PostgreSQL alike."""

from contextlib import contextmanager

from sqlalchemy import update

from app.extensions import db


def lock_row(record, unchanged: str) -> None:
    """Take `record`'s row for this transaction, then read it as committed: the next request
    locking it waits until this one commits or rolls back. PostgreSQL: SELECT … FOR UPDATE;
    SQLite: an UPDATE setting the column `unchanged` to itself takes the database's write lock
    (name a column no trigger watches for a change)."""
    entity = type(record)
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            update(entity).where(entity.id == record.id)
            .values({unchanged: getattr(entity, unchanged)})
            .execution_options(synchronize_session=False)
        )  # fmt: skip
    db.session.refresh(record, with_for_update=True)


@contextmanager
def savepoint():
    """`db.session.begin_nested()` that stays part of the transaction on SQLite too. SQLite's
    driver opens a transaction only at the first INSERT, UPDATE or DELETE; a SAVEPOINT sent
    before any write opens one itself, and releasing it commits at once: what it wrote could no
    longer be rolled back with the rest, and the write lock would be freed midway. So on
    SQLite, with no transaction open yet, one is begun first, taking the write lock now (as
    the savepoint's writes would): a read inside it could not be turned into a write later."""
    if db.session.get_bind().dialect.name == "sqlite":
        connection = db.session.connection()
        if not connection.connection.dbapi_connection.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    with db.session.begin_nested() as nested:
        yield nested
