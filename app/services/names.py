"""Names that must be unique whatever their case (groups, departments, taxes, contract types)."""

from sqlalchemy import select

from app.extensions import db


def same_name(column, name: str, exclude_id: int | None = None):
    """The row whose `column` equals `name` ignoring case (`exclude_id` aside), else None.

    Compared in Python with casefold(): SQLite's lower() folds ASCII only ('École' and 'école'
    would differ there), PostgreSQL's every letter. These are short settings lists."""
    entity = column.class_
    folded = name.casefold()
    for row_id, other in db.session.execute(select(entity.id, column)):
        if row_id != exclude_id and (other or "").casefold() == folded:
            return db.session.get(entity, row_id)
    return None


def name_taken(column, name: str, exclude_id: int | None = None) -> bool:
    """Whether another row already has this name, ignoring case."""
    return same_name(column, name, exclude_id) is not None
