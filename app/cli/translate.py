"""`flask translate extract|update|compile|init|check`: the pybabel workflow in one place."""

import ast
import sys
import tempfile
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from flask import current_app
from flask.cli import with_appcontext

ROOT = Path(__file__).resolve().parents[2]
POT = ROOT / "messages.pot"
TRANSLATIONS = ROOT / "translations"
STATUSES = "app/labels/statuses.py"  # where every `*_STATUS_LABELS` dict lives
LABELS = ROOT / STATUSES


def pybabel(*args: str) -> None:
    """Run a pybabel sub-command in-process, from the project root."""
    CommandLineInterface().run(["pybabel", *args])


def extract(target: Path, locations: bool = False) -> None:
    """Collect every gettext string of app/ into `target` (with where each is used, if asked)."""
    pybabel(
        "-q",
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-k",
        "_l",
        "-k",
        "lazy_pgettext:1c,2",
        *([] if locations else ["--no-location"]),
        "--sort-output",
        "-o",
        str(target),
        str(ROOT),
    )


def status_words(source: str) -> set[tuple[str | None, str]]:
    """(context, msgid) of every word in the `*_STATUS_LABELS` dicts of a module's source."""
    words = set()
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)):
            continue
        if not any(getattr(t, "id", "").endswith("STATUS_LABELS") for t in node.targets):
            continue
        for call in node.value.values:
            args = [a.value for a in getattr(call, "args", []) if isinstance(a, ast.Constant)]
            words.add((args[0], args[1]) if len(args) == 2 else (None, args[0]))
    return words


def shared_status_words(pot, statuses: set[tuple[str | None, str]]) -> list[str]:
    """Status words that a string elsewhere shares, context and all: one translation would have
    to serve both (the status *Open* and the verb *Open*), so each needs its own context. A
    status word's msgid used elsewhere without any context is flagged too: nothing says which
    meaning that use has (the column *Paid* took the status's "Payée"), so it needs its own."""
    words = {msgid for _context, msgid in statuses}
    problems = []
    for message in pot:
        if (message.context, message.id) in statuses:
            elsewhere = [f"{path}:{line}" for path, line in message.locations
                         if not Path(path).as_posix().endswith(STATUSES)]  # fmt: skip
            if elsewhere:
                word = f"status word {message.id!r} (context {message.context!r})"
                problems.append(f"{word} is also used in {', '.join(elsewhere)}: give it a context")
        elif message.context is None and message.id in words:
            places = ", ".join(f"{path}:{line}" for path, line in message.locations)
            problems.append(f"status word {message.id!r} is also used without a context in "
                            f"{places or 'the source'}: give that use its own context")  # fmt: skip
    return problems


@click.group()
def translate():
    """Translation catalogue commands."""


@translate.command("extract")
def extract_cmd():
    """Write messages.pot from the source."""
    extract(POT)


@translate.command("update")
def update():
    """Extract, then merge new strings into every language's messages.po."""
    extract(POT)
    pybabel("-q", "update", "-i", str(POT), "-d", str(TRANSLATIONS), "--no-fuzzy-matching")


@translate.command("init")
@click.argument("language")
def init(language: str):
    """Start a catalogue for a new language."""
    extract(POT)
    pybabel("-q", "init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", language)


@translate.command("compile")
def compile_cmd():
    """Build the .mo files the app reads."""
    pybabel("-q", "compile", "-d", str(TRANSLATIONS))


@translate.command("check")
@with_appcontext
def check():
    """Fail if any shipped language lacks, or has a fuzzy, translation of a source string, or if
    a status word shares its msgid and context with another string."""
    with tempfile.TemporaryDirectory() as tmp:
        pot_path = Path(tmp) / "check.pot"
        extract(pot_path, locations=True)
        with pot_path.open("rb") as fh:
            pot = read_po(fh)
    shared = shared_status_words(pot, status_words(LABELS.read_text(encoding="utf-8")))
    for problem in shared:
        click.echo(problem)
    problems = len(shared)
    for language in current_app.config["LANGUAGES"]:
        if language == "en":
            continue
        po_path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            click.echo(f"{language}: no catalogue at {po_path}")
            problems += 1
            continue
        with po_path.open("rb") as fh:
            po = read_po(fh)
        for message in pot:
            if not message.id:
                continue
            found = po.get(message.id, message.context)  # pgettext strings by their context
            strings = found.string if found else None
            filled = all(strings) if isinstance(strings, tuple | list) else bool(strings)
            if found is None or not filled or found.fuzzy:
                click.echo(f"{language}: untranslated: {message.id!r}")
                problems += 1
    if problems:
        click.echo(f"{problems} translation problem(s).")
        sys.exit(1)
    click.echo("Every string is translated in every shipped language.")
