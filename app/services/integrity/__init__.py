"""Data checks (`flask --app wsgi check-data`): invariants that must always hold, each a small
function in this package registered in `registry.CHECKS` (in the order imported below)."""

from app.services.integrity import (  # noqa: F401
    amounts,
    balances,
    custom_values,
    group_sales,
    numbering,
    references,
    search_terms,
    statuses,
    tallies,
    totals,
)
from app.services.integrity.registry import CHECKS, ERROR, WARNING, Outcome, Problem, run_checks

__all__ = ["CHECKS", "ERROR", "WARNING", "Outcome", "Problem", "run_checks"]
