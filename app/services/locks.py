"""Taking one row for the rest of a transaction, on SQLite and PostgreSQL alike."""

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
