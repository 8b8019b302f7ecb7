"""Customer search: the customers that have every one of several common words, found by walking
the words' runs in the list's order together (a leapfrog over the (term, company_key,
customer_id) index), so a page costs about its matches, wherever they sort."""

from sqlalchemy import (
    Integer,
    String,
    and_,
    case,
    cast,
    literal,
    literal_column,
    null,
    or_,
    select,
    tuple_,
)
from sqlalchemy.sql import Select

from app.models import Customer, CustomerSearchTerm
from app.services.customers.search import SearchPlan, has_words
from app.services.scope import Scope

# Made once (an alias builds its columns); each subquery that reads one has its own scope.
_FIRST, _RUN = (CustomerSearchTerm.__table__.alias(name) for name in ("walk_first", "walk_run"))

# The count's walk looks at its first this many matches' steps before going on (see spare).
PROBE = 50


def walked_matches(
    search: SearchPlan, scope: Scope, conditions: list, descending: bool, stop: int,
    spare: int | None = None,
):  # fmt: skip
    """The first `stop` matches of a search of several common words that each start one term,
    as a subquery (id, key, cut) in the list's order, read by walking those terms' runs together
    (walked_ids); the search's other words, `conditions` on Customer and `scope` checked per
    match. With `spare`, the walk gives up when its first (terms + spare) × PROBE steps find
    fewer than PROBE matches (where the words' customers sit side by side a match costs a step
    per term; scattered, many more). None when fewer than two words qualify (the plan reads
    one word's customers)."""
    terms = [term for term in search.exact if term is not None]
    if search.rare or len(terms) < 2:
        return None
    others = [word for word, term in zip(search.words, search.exact, strict=True) if term is None]

    def check(customer_id):
        checks = has_words(others, customer_id)
        customer = select(Customer.id).where(Customer.id == customer_id)
        visible = scope.narrow(customer, Customer)
        if conditions or visible is not customer:  # filters or "view own": its row is read
            checks.append(visible.where(*conditions).exists())
        return and_(*checks) if checks else None

    enough = min(PROBE, stop)
    probe = None if spare is None else ((len(terms) + spare) * enough, enough)
    return walked_ids(terms, check, descending, stop, probe).subquery()


def walked_ids(
    terms: list[str], check, descending: bool, stop: int, probe: tuple[int, int] | None
) -> Select:
    """The ids of the first `stop` customers (in the list's order, `descending`: Z to A) that
    have every one of `terms` (exact terms, at least two) and pass `check(customer_id)` (a SQL
    condition, or None for none: the other words, filters, scope), with their company_key as
    `key`; with `probe` (steps, matches), a walk with fewer matches after that many steps gives
    up, and says so in a row with `cut` 1.

    One row per step: the candidate (key, id) is looked up in the next term's run with one index
    seek; found there, one more term has it; else the run's next customer is the new candidate
    (nothing between the two can be in every run). A candidate every term has is a match. So a
    run is skipped where it has no customer of the others: two words that share few customers
    cost those few steps, not either word's customers. Each row carries the verdict on the
    candidate before it (`hits` of the terms that have it; `good`: a match that passes `check`),
    and the walk stops after `stop` good matches."""
    n = len(terms)
    seed = _first(terms[0], descending)
    walk = select(
        seed.c.key, seed.c.id, cast(null(), Integer).label("prev"), _int(0).label("ph"),
        _int(1 % n).label("w"), _int(0).label("m"),
        cast(null(), CustomerSearchTerm.company_key.type).label("pkey"), _int(0).label("pgood"),
        _int(0).label("s"),
    ).cte("search_walk", recursive=True)  # fmt: skip
    hits = case((walk.c.id == walk.c.prev, walk.c.ph + 1), else_=_int(1))
    matched = hits == n
    condition = check(walk.c.id)
    verdict = _int(1) if condition is None else case((condition, _int(1)), else_=_int(0))
    good = case((matched, verdict), else_=_int(0))
    term = case(*((walk.c.w == i, literal(t, String)) for i, t in enumerate(terms)))
    step = select(
        _next(term, walk, matched, descending, "company_key"),
        _next(term, walk, matched, descending, "customer_id"),
        walk.c.id, hits, (walk.c.w + 1) % n, walk.c.m + walk.c.pgood, walk.c.key, good,
        walk.c.s + 1,
    ).where(walk.c.id.is_not(None), walk.c.m + walk.c.pgood < stop)  # fmt: skip
    if probe is not None:
        steps, enough = probe
        step = step.where(or_(walk.c.s < steps, walk.c.m + walk.c.pgood >= enough))
    walk = walk.union_all(step)
    found = case((walk.c.pgood == 1, walk.c.prev)).label("id")
    if probe is None:
        return select(found, walk.c.pkey.label("key"), _int(0).label("cut")).where(
            walk.c.pgood == 1
        )
    # Cut: the probe's last step ended on a candidate, short of its matches.
    cut = and_(walk.c.s == steps, walk.c.id.is_not(None), walk.c.m + walk.c.pgood < enough)
    cut = case((cut, _int(1)), else_=_int(0))
    return select(found, walk.c.pkey.label("key"), cut.label("cut")).where(
        or_(walk.c.pgood == 1, cut == 1)
    )


def _first(term: str, descending: bool):
    """The first customer of `term`'s run in the list's order, as a one-row subquery."""
    run = _FIRST
    order = _order(run, descending)
    query = select(run.c.company_key.label("key"), run.c.customer_id.label("id"))
    return query.where(run.c.term == term).order_by(*order).limit(1).subquery()


def _next(term, walk, matched, descending: bool, column: str):
    """One column of the next customer in the run of `term` at or after the walk's candidate
    (after it when it was a match): one seek in the terms index (both columns' seeks read the
    same index page; the customer's own row, by id, is a page read more)."""
    run = _RUN
    here, at = tuple_(run.c.company_key, run.c.customer_id), tuple_(walk.c.key, walk.c.id)
    query = select(run.c[column]).where(
        run.c.term == term,
        here <= at if descending else here >= at,
        ~matched | (run.c.customer_id != walk.c.id),
    )
    return query.order_by(*_order(run, descending)).limit(1).scalar_subquery()


def _order(run, descending: bool) -> tuple:
    """A run's order: the list's (company_key, then id), or its reverse."""
    if descending:
        return run.c.company_key.desc(), run.c.customer_id.desc()
    return run.c.company_key, run.c.customer_id


def _int(value: int):
    """An integer written in the SQL: PostgreSQL types a recursive query's columns from its
    first part, and a bound Python int may be sent as a smaller integer type."""
    return literal_column(str(int(value)), Integer)
