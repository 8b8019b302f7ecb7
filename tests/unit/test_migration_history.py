"""Released migrations are history: their files never change, and every one is on the list.

`migrations/released.sha256` holds the SHA-256 of every migration file, in `sha256sum` format.
A schema change is a new revision (`flask --app wsgi db migrate -m "..."`); once it is written
and reviewed, add its line to the list, from the `migrations` folder:

    cd migrations && sha256sum versions/0007_your_change.py >> released.sha256

Never edit a listed file, and never change a listed hash to make this test pass.
"""

import hashlib
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
RULE = "a released migration never changes: add a new revision, and add its hash to the list"


def released() -> dict[str, str]:
    """The listed migration files (relative to migrations/) and their SHA-256."""
    lines = (MIGRATIONS / "released.sha256").read_text().splitlines()
    return {name.lstrip("*"): digest for digest, name in (line.split(None, 1) for line in lines)}


def test_every_released_migration_is_unchanged():
    for name, digest in released().items():
        path = MIGRATIONS / name
        assert path.is_file(), f"{name} is gone: {RULE} (migrations/released.sha256)"
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        assert actual == digest, f"{name} was edited: {RULE} (migrations/released.sha256)"


def test_every_migration_is_listed():
    listed = released()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        name = path.relative_to(MIGRATIONS).as_posix()
        assert name in listed, f"{name} is not in migrations/released.sha256: {RULE}"
