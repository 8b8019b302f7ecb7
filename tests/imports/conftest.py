"""Import tests: most never reach the database (they run once, not per database); those that
read the headers' translations run in `offline`, an app on a throwaway SQLite file."""

import pytest

from app import create_app
from app.config import config_for_tests
from app.extensions import db


@pytest.fixture(scope="session")
def offline(tmp_path_factory):
    """An app whose database has our tables and nothing in them (no custom fields)."""
    folder = tmp_path_factory.mktemp("offline")
    application = create_app(
        {**config_for_tests(f"sqlite:///{folder / 'offline.db'}", 25), "INSTANCE_PATH": str(folder)}
    )
    with application.app_context():
        db.create_all()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def speaking(offline):
    """speaking("fr") -> a request context in French (with force_locale)."""
    from contextlib import contextmanager

    from flask_babel import force_locale

    @contextmanager
    def context(language="en"):
        with offline.test_request_context(), force_locale(language):
            yield

    return context
