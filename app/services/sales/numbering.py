"""Document numbers: prefix + a sequence that never repeats or skips, even under concurrency.

The increment is an UPDATE in the saving transaction: PostgreSQL locks the row until commit and
SQLite takes its write lock, so two saves cannot read the same value; a rolled-back save rolls
its number back too, so none is skipped.
"""

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import NumberSequence
from app.services.settings import get_settings

WIDTH = 6


def next_sequence(kind: str) -> int:
    """Take the next number of `kind` inside the current transaction."""
    updated = db.session.execute(
        update(NumberSequence).where(NumberSequence.kind == kind)
        .values(last=NumberSequence.last + 1).returning(NumberSequence.last)
    ).scalar()  # fmt: skip
    if updated is None:
        try:
            with db.session.begin_nested():  # the first number of its kind: create the row
                db.session.execute(insert(NumberSequence).values(kind=kind, last=0))
        except IntegrityError:
            pass  # another save created it first
        return next_sequence(kind)
    return updated


def format_number(kind: str, sequence: int) -> str:
    """INV-000042 (the prefix comes from the settings)."""
    settings = get_settings()
    prefix = {
        "invoice": settings.invoice_prefix,
        "estimate": settings.estimate_prefix,
        "proposal": settings.proposal_prefix,
    }[kind]
    return f"{prefix}{sequence:0{WIDTH}d}"
