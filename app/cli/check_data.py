"""`flask --app wsgi check-data`: check the invariants of the data (app/services/integrity),
print each broken one with the records concerned, exit 1 when any is broken."""

import json
import sys

import click
from flask.cli import with_appcontext

from app.services.integrity import CHECKS, run_checks
from app.services.integrity import totals as totals_check


@click.command("check-data")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@click.option(
    "--only",
    multiple=True,
    metavar="NAME",
    help="Run only this check (repeatable): " + ", ".join(c.name for c in CHECKS),
)
@click.option(
    "--time-limit",
    type=float,
    default=totals_check.TIME_LIMIT["seconds"],
    show_default=True,
    help="Seconds the totals check may take before it stops.",
)
@click.option(
    "--limit",
    type=int,
    default=50,
    show_default=True,
    help="Problems listed per check (all are counted; --json lists all).",
)
@with_appcontext
def check_data(as_json: bool, only: tuple[str, ...], time_limit: float, limit: int):
    """Check that totals, amounts paid, statuses, numbering and references are consistent."""
    unknown = sorted(set(only) - {c.name for c in CHECKS})
    if unknown:
        raise click.BadParameter(", ".join(unknown), param_hint="--only")
    totals_check.TIME_LIMIT["seconds"] = time_limit
    outcomes = run_checks(list(only) or None)
    broken = [o for o in outcomes if o.errors]
    if as_json:
        click.echo(json.dumps({"ok": not broken, "checks": [o.as_dict() for o in outcomes]},
                              indent=2, default=str))  # fmt: skip
    else:
        _print(outcomes, max(limit, 0))
    sys.exit(1 if broken else 0)


def _print(outcomes, limit: int) -> None:
    for outcome in outcomes:
        errors, warnings = outcome.errors, outcome.warnings
        if errors:
            head = f"FAIL  {outcome.name}: {outcome.title} ({len(errors)} problem(s))"
        elif outcome.skipped:
            head = f"SKIP  {outcome.name}: {outcome.title}"
        elif warnings:
            head = f"WARN  {outcome.name}: {outcome.title} ({len(warnings)} warning(s))"
        else:
            head = f"ok    {outcome.name}: {outcome.title}"
        click.echo(head)
        if outcome.skipped:
            click.echo(f"      not finished: {outcome.skipped}")
        lines = [p.line() for p in errors] + [f"warning: {p.line()}" for p in warnings]
        for line in lines[:limit]:
            click.echo(f"      {line}")
        if len(lines) > limit:
            click.echo(f"      … and {len(lines) - limit} more (--limit, --json)")
    count = len(outcomes)
    failed = sum(1 for o in outcomes if o.errors)
    skipped = sum(1 for o in outcomes if o.skipped and not o.errors)
    warned = sum(len(o.warnings) for o in outcomes)
    notes = [f"{skipped} not finished"] if skipped else []
    notes += [f"{warned} warning(s)"] if warned else []
    tail = f" ({', '.join(notes)})" if notes else ""
    if failed:
        problems = sum(len(o.errors) for o in outcomes)
        click.echo(f"{failed} of {count} checks failed, {problems} problem(s){tail}")
    elif skipped:
        click.echo(f"{count - skipped} of {count} checks passed{tail}")
    else:
        click.echo(f"All {count} checks passed{tail}")
