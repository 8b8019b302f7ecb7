"""`flask --app wsgi backup [PATH]` and `flask --app wsgi restore ARCHIVE`."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from app.services.backup import BackupError, make_backup, restore


def _counts(counts: dict[str, int]) -> str:
    width = max((len(name) for name in counts), default=0)
    return "\n".join(f"  {name:<{width}}  {count}" for name, count in counts.items())


@click.command("backup")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup(path: Path | None):
    """Write a consistent copy of the database, while the app runs, as one archive (default:
    instance/backups/comptoir-<UTC time>.tar)."""
    try:
        written, manifest = make_backup(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(str(written))
    click.echo(f"{manifest['database']} at migration {manifest['migration_head']}, rows:")
    click.echo(_counts(manifest["row_counts"]))


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(archive: Path):
    """Restore a backup archive into the configured database, which must be empty."""
    try:
        restored = restore(archive)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    manifest = restored.manifest
    click.echo(f"Restored {archive} ({manifest['created_at']}); rows match the manifest:")
    click.echo(_counts(restored.counts))
    if restored.needs_upgrade:
        click.echo("The archive predates this version: run `flask --app wsgi db upgrade` now.")
