"""Names that must be unique whatever their case (groups, departments, taxes, contract types)."""

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.services import ValidationError, clean_text


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


def unique_name(
    column, name: str, row, max_length: int, taken_message: str, empty_message: str = ""
) -> str:
    """`name` trimmed and checked (required, `max_length`, no control characters), refused
    beside the name field when a row other than `row` has it whatever its case."""
    name = clean_text("name", name, max_length, empty_message or _("Enter a name."))
    if name_taken(column, name, row.id if row is not None else None):
        raise ValidationError(taken_message, "name")
    return name
