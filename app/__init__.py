"""Comptoir: the application factory."""

from pathlib import Path

from flask import Flask

from app.config import DEFAULTS, WEAK_SECRET_KEYS, load_config


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, errors, CLI."""
    # Tests (and unusual deployments) may keep instance files elsewhere than ./instance.
    app = Flask(
        __name__, instance_relative_config=True, instance_path=(config or {}).get("INSTANCE_PATH")
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(DEFAULTS)
    app.config.update(load_config(Path(app.instance_path)))
    app.config.update(config or {})
    check_secret_key(app)
    from app.security import BoundedInt

    app.url_map.converters["int"] = BoundedInt  # before any route is added
    configure_extensions(app)
    configure_blueprints(app)

    from app.errors import configure_errors
    from app.i18n import configure_i18n
    from app.security import configure_security
    from app.services.settings import get_settings
    from app.templating import configure_templating

    configure_i18n(app, read_settings=get_settings)
    configure_security(app)
    configure_errors(app)
    configure_cli(app)
    configure_templating(app)
    configure_jobs(app)
    configure_request_log(app)  # last: it wraps the whole app and reads every route
    return app


def configure_jobs(app: Flask) -> None:
    """The job queue (QUEUE_URL); outbox rows go to it after each commit."""
    from app.jobs import configure_jobs as configure

    configure(app)


def configure_request_log(app: Flask) -> None:
    """One line per request on stdout, with its request id."""
    from app.request_log import configure_request_log as configure

    configure(app)


def check_secret_key(app: Flask) -> None:
    """Refuse to run in production with a missing or well-known secret key."""
    key = app.config.get("SECRET_KEY") or ""
    if app.debug or app.testing:
        return
    if key.lower() in WEAK_SECRET_KEYS or len(key) < 24:
        raise RuntimeError(
            "SECRET_KEY is missing or too weak: set SECRET_KEY to a random value of at least "
            "24 characters (e.g. `python3 -c 'import secrets; print(secrets.token_hex(32))'`)."
        )


def configure_extensions(app: Flask) -> None:
    """Bind every extension to this app."""
    from app import models  # noqa: F401  (register the tables)
    from app.auth_identity import configure_login
    from app.database import configure_database
    from app.extensions import babel, csrf, db, limiter, mail, migrate
    from app.i18n import select_timezone
    from app.services.languages import screen
    from app.sessions import configure_sessions

    configure_database(app)
    configure_sessions(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=screen, timezone_selector=select_timezone)
    mail.init_app(app)
    limiter.init_app(app)
    configure_login(app)


def configure_blueprints(app: Flask) -> None:
    """Mount the surfaces: staff sign-in, the dashboard."""
    from app.blueprints.admin import bp as admin_bp
    from app.blueprints.auth import bp as auth_bp
    from app.blueprints.auth import site
    from app.blueprints.calendar import bp as calendar_bp
    from app.blueprints.health import bp as health_bp
    from app.blueprints.kb import bp as kb_bp
    from app.blueprints.portal import bp as portal_bp

    app.register_blueprint(site)
    app.register_blueprint(portal_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(calendar_bp)
    app.register_blueprint(kb_bp)


def configure_cli(app: Flask) -> None:
    """Register `flask users`, `flask demo` and `flask translate`."""
    from app.cli import register

    register(app)
