"""Where the database's schema stands against the code's migrations (Alembic)."""

from functools import cache

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy.engine import Connection


def script_directory() -> ScriptDirectory:
    """The code's migrations (migrations/versions)."""
    config = Config()
    config.set_main_option("script_location", current_app.extensions["migrate"].directory)
    return ScriptDirectory.from_config(config)


def code_head() -> str | None:
    """The newest migration the code ships."""
    return _head_in(current_app.extensions["migrate"].directory)


# Read once per process and folder: parsing every migration file cost /healthz about 70 ms of
# CPU, and the files a running process serves from never change under it.
@cache
def _head_in(directory: str) -> str | None:
    config = Config()
    config.set_main_option("script_location", directory)
    return ScriptDirectory.from_config(config).get_current_head()


def database_revision(connection: Connection) -> str | None:
    """The migration the database was last brought to (None: never migrated)."""
    return MigrationContext.configure(connection).get_current_revision()


def known_revision(revision: str | None) -> bool:
    """Whether `revision` is one of the code's migrations (so at most its head)."""
    if revision is None:
        return True
    return any(script.revision == revision for script in script_directory().walk_revisions())
