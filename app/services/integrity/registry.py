"""The registry of data checks: each is a small function returning the problems it finds.

A check is registered with `@check(name, title)` and returns a list of `Problem`; a problem names
the record (kind, number or id), its customer, and what was expected and found. An `error` breaks
an invariant (`check-data` exits 1); a `warning` is worth a look but may be legitimate (a number
skipped by raising the next number in Settings). A check that would take too long on this
database returns `Skipped` instead. Summary tables (counters kept for reports, should any be
added) get their own check here too: recompute what they summarise with a grouped query and
compare.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal

ERROR, WARNING = "error", "warning"
KIND_NAMES = {"invoice": "invoice", "credit": "credit note", "estimate": "estimate",
              "proposal": "proposal"}  # fmt: skip


@dataclass
class Problem:
    record: str  # "invoice INV-000042 (id 12)"
    message: str  # "total: expected 1080.00 EUR, found 1180.00 EUR"
    customer: str | None = None  # "Acme SA (id 3)"
    severity: str = ERROR
    expected: str | None = None
    found: str | None = None

    def line(self) -> str:
        who = f" · customer {self.customer}" if self.customer else ""
        return f"{self.record}{who}: {self.message}"


@dataclass
class Skipped:
    """A check that did not run to the end (it would not finish in reasonable time here): why,
    and the problems it found before it stopped."""

    reason: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Check:
    name: str
    title: str
    run: Callable[[], list[Problem] | Skipped]
    order: int = 100


@dataclass
class Outcome:
    name: str
    title: str
    problems: list[Problem] = field(default_factory=list)
    skipped: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def as_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "skipped": self.skipped,
                "problems": [asdict(p) for p in self.problems]}  # fmt: skip


CHECKS: list[Check] = []


def check(name: str, title: str, order: int = 100):
    """Register a check (run by `order`, then in the order registered)."""

    def register(function: Callable[[], list[Problem] | Skipped]):
        CHECKS.append(Check(name, title, function, order))
        CHECKS.sort(key=lambda c: c.order)  # stable: equal orders keep their registration order
        return function

    return register


def snapshot() -> None:
    """Make every check read one consistent state while people keep working: PostgreSQL in a
    REPEATABLE READ, READ ONLY transaction; SQLite in one read transaction (WAL keeps its view)."""
    from sqlalchemy import text

    from app.extensions import db

    db.session.rollback()
    if db.engine.dialect.name == "postgresql":
        db.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        db.session.execute(text("SET TRANSACTION READ ONLY"))
    elif db.engine.dialect.name == "sqlite":
        db.session.execute(text("BEGIN"))  # the driver would begin only before a write


def run_checks(names: list[str] | None = None) -> list[Outcome]:
    """Run every registered check (or those named), in order, on one snapshot of the data."""
    from app.extensions import db

    snapshot()
    try:
        return _run(names)
    finally:
        db.session.rollback()


def _run(names: list[str] | None) -> list[Outcome]:
    outcomes = []
    for item in CHECKS:
        if names and item.name not in names:
            continue
        found = item.run()
        if isinstance(found, Skipped):
            outcomes.append(Outcome(item.name, item.title, found.problems, found.reason))
        else:
            outcomes.append(Outcome(item.name, item.title, problems=found))
    return outcomes


def document(kind: str, number: str | None, document_id: int) -> str:
    """How a problem names a document: "invoice INV-000042 (id 12)", "draft invoice (id 7)"."""
    name = KIND_NAMES.get(kind, kind)
    if number:
        return f"{name} {number} (id {document_id})"
    return f"{name} without a number (id {document_id})"


def customer(company: str | None, customer_id: int | None) -> str | None:
    if customer_id is None:
        return None
    return f"{company} (id {customer_id})" if company is not None else f"#{customer_id} (missing)"


def amount(value, decimals: int | None, code: str | None = None) -> str:
    """An amount as operators read it: plain digits, rounded to the currency, with its code."""
    from app.services.sales.totals import quantize

    text = str(quantize(Decimal(str(value or 0)), decimals if decimals is not None else 4))
    return f"{text} {code}" if code else text
