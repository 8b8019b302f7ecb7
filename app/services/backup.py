"""Backups as one archive (the database's dump + manifest.json) and their restore into an empty
database. Uploaded files (attachments, logos, PDFs) live in the database: the dump holds them."""

import hashlib
import json
import shutil
import tarfile
import tempfile
import tomllib
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import inspect, text

from app.extensions import db
from app.services.backup_engines import (
    BackupError,
    pg_backup,
    pg_restore,
    sqlite_backup,
    sqlite_restore,
    table_counts,
)
from app.services.schema_version import code_head, known_revision

FORMAT = 1
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"

__all__ = ["BackupError", "Restored", "default_path", "make_backup", "read_manifest", "restore"]


def app_version() -> str:
    """The version pyproject.toml gives."""
    try:
        return tomllib.loads(PYPROJECT.read_text())["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def database_kind() -> str:
    kind = db.engine.dialect.name
    if kind not in DUMP_NAMES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {kind}.")
    return kind


def default_path(now: datetime | None = None) -> Path:
    """instance/backups/comptoir-<UTC timestamp>.tar"""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return Path(current_app.instance_path) / "backups" / f"comptoir-{stamp}.tar"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_backup(path: Path | None = None) -> tuple[Path, dict]:
    """Write the archive (at `path`, or the default) and return it with its manifest."""
    kind = database_kind()
    path = Path(path) if path else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(dir=path.parent) as work:
        dump = Path(work) / DUMP_NAMES[kind]
        copy = sqlite_backup if kind == "sqlite" else pg_backup
        counts, revision = copy(db.engine, dump)
        manifest = {
            "format": FORMAT,
            "app": "comptoir",
            "app_version": app_version(),
            "database": kind,
            "migration_head": revision,
            "created_at": created_at,
            "dump": dump.name,
            "dump_sha256": _sha256(dump),
            "dump_bytes": dump.stat().st_size,
            "row_counts": counts,
        }
        (Path(work) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(Path(work) / "manifest.json", arcname="manifest.json")
            archive.add(dump, arcname=dump.name)
        partial.replace(path)  # a cut-short backup never looks like a finished one
    return path, manifest


def _unpack(archive_path: Path, work: Path) -> tuple[dict, Path]:
    """Read and check the archive: its manifest, and the dump matching the manifest's hash."""
    unreadable = BackupError(f"{archive_path} is not a readable Comptoir backup archive.")
    try:
        with tarfile.open(archive_path, "r:") as archive:
            members = {member.name: member for member in archive.getmembers()}
            manifest_file = archive.extractfile(members["manifest.json"])
            manifest = json.loads(manifest_file.read())
            name = DUMP_NAMES.get(manifest.get("database"))
            if manifest.get("app") != "comptoir" or name is None or name not in members:
                raise unreadable
            # Copied out by name (never extract(): no path from the archive is trusted, and
            # Debian 12's Python 3.11.2 predates tarfile's extraction filters).
            source = archive.extractfile(members[name])
            if source is None:
                raise unreadable
            with source, (work / name).open("wb") as target:
                shutil.copyfileobj(source, target)
    except (OSError, KeyError, EOFError, ValueError, tarfile.TarError, zlib.error) as error:
        raise unreadable from error
    dump = work / name
    if _sha256(dump) != manifest.get("dump_sha256"):
        raise BackupError(
            f"{archive_path} is damaged: its database file does not match its manifest."
        )
    return manifest, dump


def read_manifest(archive_path: Path) -> dict:
    with tempfile.TemporaryDirectory() as work:
        return _unpack(Path(archive_path), Path(work))[0]


def _refuse_non_empty() -> None:
    with db.engine.connect() as connection:
        names = set(inspect(connection).get_table_names()) - {"alembic_version"}
        names = {name for name in names if not name.startswith("sqlite_")}
        stamped = "alembic_version" in inspect(connection).get_table_names() and (
            connection.execute(text("SELECT COUNT(*) FROM alembic_version")).scalar_one()
        )
    if names or stamped:
        raise BackupError(
            "The target database is not empty: restore only into a new, empty database "
            "(nothing was changed)."
        )


@dataclass
class Restored:
    manifest: dict
    counts: dict[str, int]
    needs_upgrade: bool


def restore(archive_path: Path) -> Restored:
    """Restore the archive into the app's database, which must be empty, then compare counts."""
    kind = database_kind()
    db.session.remove()
    with tempfile.TemporaryDirectory() as work:
        manifest, dump = _unpack(Path(archive_path), Path(work))
        if manifest["database"] != kind:
            raise BackupError(
                f"This archive holds a {manifest['database']} database; the target is {kind}."
            )
        revision = manifest.get("migration_head")
        if not known_revision(revision):
            raise BackupError(
                f"This archive comes from a newer Comptoir (migration {revision}): "
                "restore it with that version or a later one."
            )
        _refuse_non_empty()
        (sqlite_restore if kind == "sqlite" else pg_restore)(db.engine, dump)
    db.engine.dispose()
    with db.engine.connect() as connection:
        counts = table_counts(connection)
    if counts != manifest["row_counts"]:
        differ = sorted(
            name
            for name in set(counts) | set(manifest["row_counts"])
            if counts.get(name) != manifest["row_counts"].get(name)
        )
        raise BackupError(
            f"Restored, but row counts differ from the manifest in: {', '.join(differ)}"
        )
    return Restored(manifest, counts, needs_upgrade=revision != code_head())
