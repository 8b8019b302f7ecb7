"""`flask translate extract|update|compile|init|check`: the pybabel workflow in one place."""

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


def pybabel(*args: str) -> None:
    """Run a pybabel sub-command in-process, from the project root."""
    CommandLineInterface().run(["pybabel", *args])


def extract(target: Path) -> None:
    """Collect every gettext string of app/ into `target`."""
    pybabel(
        "-q",
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-k",
        "_l",
        "-k",
        "lazy_pgettext:1c,2",
        "--no-location",
        "--sort-output",
        "-o",
        str(target),
        str(ROOT),
    )


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
    """Fail if any shipped language lacks, or has a fuzzy, translation of a source string."""
    with tempfile.TemporaryDirectory() as tmp:
        pot_path = Path(tmp) / "check.pot"
        extract(pot_path)
        with pot_path.open("rb") as fh:
            pot = read_po(fh)
    problems = 0
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
