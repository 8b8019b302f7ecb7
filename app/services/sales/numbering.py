"""Document numbers: prefix + a sequence that never repeats or skips, even under concurrency.

The increment is an UPDATE in the saving transaction: PostgreSQL locks the row until commit and
SQLite takes its write lock, so two saves cannot read the same value; a rolled-back save rolls
its number back too, so none is skipped.

A prefix holding {YYYY} restarts the sequence each year (FA-2026-0001): the sequence row is then
keyed "invoice:2026" and the year is the document's issue date's. Without a year the sequence has
6 digits (INV-000042), with one 4 (FA-2026-0001); both grow past that when needed.
"""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import exists, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Document, NumberSequence
from app.services import ValidationError
from app.services.locks import savepoint
from app.services.settings import get_settings

YEAR = "{YYYY}"
WIDTH = 6
WIDTH_WITH_YEAR = 4


def prefix_of(kind: str) -> str:
    """The prefix saved for this kind (Settings → Finance)."""
    settings = get_settings()
    return {
        "invoice": settings.invoice_prefix,
        "estimate": settings.estimate_prefix,
        "proposal": settings.proposal_prefix,
        "credit": settings.credit_prefix,
    }[kind]


def sequence_key(kind: str, prefix: str, day: date) -> str:
    """The NumberSequence row this prefix counts in: one per kind, or per kind and year."""
    return f"{kind}:{day.year}" if YEAR in prefix else kind


def format_number(prefix: str, sequence: int, day: date) -> str:
    """FA-2026-0001 for "FA-{YYYY}-", INV-000042 for "INV-"."""
    width = WIDTH_WITH_YEAR if YEAR in prefix else WIDTH
    return f"{prefix.replace(YEAR, str(day.year))}{sequence:0{width}d}"


def next_sequence(key: str) -> int:
    """Take the next number of the sequence `key` inside the current transaction."""
    updated = db.session.execute(
        update(NumberSequence).where(NumberSequence.kind == key)
        .values(last=NumberSequence.last + 1).returning(NumberSequence.last)
    ).scalar()  # fmt: skip
    if updated is None:
        _create_row(key)
        return next_sequence(key)
    return updated


def _create_row(key: str) -> None:
    try:
        with savepoint():  # the first number of its sequence: create the row
            db.session.execute(insert(NumberSequence).values(kind=key, last=0))
    except IntegrityError:
        pass  # another save created it first


def take_number(kind: str, day: date, prefix: str | None = None) -> tuple[int, str]:
    """The next (sequence, number) of `kind` for a document dated `day`, in this transaction
    (`prefix` read beforehand by a caller whose next statement must be a write).

    A number already used (the prefix was changed back to an older one) is passed over rather
    than given twice."""
    prefix = prefix_of(kind) if prefix is None else prefix
    key = sequence_key(kind, prefix, day)
    while True:
        sequence = next_sequence(key)
        number = format_number(prefix, sequence, day)
        taken = exists().where(Document.kind == kind, Document.number == number)
        if not db.session.scalar(select(taken)):
            return sequence, number


def assign_number(document: Document, day: date, prefix: str | None = None) -> None:
    """Give `document` the next number of its kind (it has none yet)."""
    document.sequence, document.number = take_number(document.kind, day, prefix)


def next_number(kind: str, prefix: str, day: date) -> int:
    """The sequence the next document of `kind` would take with this prefix on `day`."""
    key = sequence_key(kind, prefix, day)
    last = db.session.scalar(select(NumberSequence.last).where(NumberSequence.kind == key))
    return (last or 0) + 1


def raise_next_number(kind: str, prefix: str, value: int, day: date, field: str) -> None:
    """Make `value` the next number of `kind` (with this prefix, on `day`); it can only be
    raised, never lowered (numbers would repeat): ValidationError beside `field`."""
    key = sequence_key(kind, prefix, day)
    _create_row(key)
    current = next_number(kind, prefix, day)
    if value < current:
        raise ValidationError(
            _("The next number can only be raised: it is %(number)d now.", number=current), field
        )
    moved = db.session.execute(
        update(NumberSequence)
        .where(NumberSequence.kind == key, NumberSequence.last < value - 1)
        .values(last=value - 1)
    ).rowcount  # conditional: a number taken meanwhile is never given again
    if not moved and value != next_number(kind, prefix, day):
        current = next_number(kind, prefix, day)
        raise ValidationError(
            _("The next number can only be raised: it is %(number)d now.", number=current), field
        )
