"""Check 4: document numbers. No number twice within a kind, no sequence twice within its
sequence (the `number_sequences` row: per kind, or per kind and year when the prefix holds
{YYYY}), and each row's `last` at least the highest sequence used (else the next document would
repeat a number).

Gaps: a number is taken in the transaction that saves the document and rolled back with it, and
documents that have a number are never deleted, so an unused sequence between the first and the
highest used is either a next number raised in Settings → Finance (raises are not recorded:
legitimate) or a lost document. The two cannot be told apart, so such gaps are warnings (listed,
exit code unchanged). Numbers below the first used (a sequence that starts at 1000) and above
the highest (raised, not used yet) are raises and not listed.

A document's sequence is read from its number: "kind:YEAR" when that row exists and the number
holds the year of its issue date before its last four digits, else the kind's own row."""

from collections import defaultdict

from sqlalchemy import extract, func, select

from app.extensions import db
from app.models import Customer, Document, NumberSequence
from app.services.integrity.registry import (
    WARNING,
    Problem,
    check,
    customer,
    document,
)

SHOWN = 20  # at most this many missing ranges listed per sequence


def sequence_key(kind: str, number: str, sequence: int, year: int, keys: set[str]) -> str:
    """The number_sequences row a document's number was counted in."""
    yearly = f"{kind}:{year}"
    if yearly in keys and number.endswith(f"{sequence:04d}"):
        stem = number[: -len(f"{sequence:04d}")]
        if str(year) in stem:
            return yearly
    return kind


def _duplicate_numbers() -> list[Problem]:
    twice = (
        select(Document.kind, Document.number).where(Document.number.is_not(None))
        .group_by(Document.kind, Document.number).having(func.count() > 1).subquery()
    )  # fmt: skip
    query = (
        select(Document.id, Document.kind, Document.number, Document.customer_id, Customer.company)
        .join(twice, (twice.c.kind == Document.kind) & (twice.c.number == Document.number))
        .join(Customer, Customer.id == Document.customer_id, isouter=True)
        .order_by(Document.kind, Document.number, Document.id)
    )  # fmt: skip
    return [
        Problem(document(r.kind, r.number, r.id), "this number is used more than once",
                customer(r.company, r.customer_id), expected="once", found="several")
        for r in db.session.execute(query)
    ]  # fmt: skip


def _ranges(missing: list[int]) -> list[str]:
    ranges, start = [], None
    for i, value in enumerate(missing):
        start = value if start is None else start
        if i + 1 == len(missing) or missing[i + 1] != value + 1:
            ranges.append(str(start) if start == value else f"{start}–{value}")
            start = None
    return ranges


def _sequences() -> list[Problem]:
    lasts = dict(db.session.execute(select(NumberSequence.kind, NumberSequence.last)).all())
    keys = set(lasts)
    used: dict[str, dict[int, tuple]] = defaultdict(dict)
    twice: dict[str, dict[int, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    query = (
        select(Document.sequence, Document.id, Document.kind, Document.number,
               extract("year", Document.issue_date))
        .where(Document.number.is_not(None), Document.sequence.is_not(None))
        .order_by(Document.id)
    )  # fmt: skip
    for row in db.session.connection().execute(query):  # plain tuples: 200,000 rows in 1 s
        sequence, _id, kind, number, year = row
        key = kind
        if f"{kind}:{year}" in keys:
            key = sequence_key(kind, number, sequence, int(year), keys)
        seen = used[key]
        if sequence in seen:
            twice[key][sequence].append(row)
        else:
            seen[sequence] = row
    problems = []
    for key in sorted(used):
        problems.extend(_one_sequence(key, used[key], twice.get(key, {}), lasts.get(key)))
    return problems


def _one_sequence(key: str, used: dict[int, tuple], twice: dict[int, list], last: int | None):
    problems = []
    for sequence in sorted(twice):
        rows = [used[sequence], *twice[sequence]]
        numbers = ", ".join(f"{r.number} (id {r.id})" for r in rows)
        problems.append(Problem(f"sequence {key}", (
            f"sequence {sequence} given {len(rows)} times: {numbers}"),
            expected="once", found=str(len(rows))))  # fmt: skip
    highest = max(used)
    if last is None or last < highest:
        row = used[highest]
        found = "no row" if last is None else str(last)
        problems.append(Problem(f"sequence {key}", (
            f"last number given is {found}, below {document(row.kind, row.number, row.id)} "
            f"(sequence {highest}): the next document would repeat a number"),
            expected=f"at least {highest}", found=found))  # fmt: skip
    first = min(used)
    missing = [n for n in range(first, highest) if n not in used] if highest - first < 10**7 else []
    if missing:
        ranges = _ranges(missing)
        shown = ", ".join(ranges[:SHOWN]) + (" …" if len(ranges) > SHOWN else "")
        problems.append(Problem(f"sequence {key}", (
            f"{len(missing)} number(s) unused: {shown} (a next number raised in Settings, "
            "or a missing document)"), severity=WARNING,
            expected="no gap", found=shown))  # fmt: skip
    return problems


@check("numbering", "Numbers are unique and sequences have no gaps", order=40)
def numbering() -> list[Problem]:
    return _duplicate_numbers() + _sequences()
