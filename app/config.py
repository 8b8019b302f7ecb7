"""Configuration read from the environment when the app is created, never at import time."""

import os
from datetime import timedelta
from pathlib import Path

# Keys that must never protect a real deployment.
WEAK_SECRET_KEYS = {"", "dev", "change-me", "changeme", "secret", "please-change"}

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def discover_languages() -> tuple[str, ...]:
    """English (the source) plus every language with a catalogue under translations/."""
    found = sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    return ("en", *[code for code in found if code != "en"])


def _bool(value: str | None, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else from instance/secret_key (written by `make run`)."""
    key = os.environ.get("SECRET_KEY", "")
    key_file = instance_path / "secret_key"
    if not key and key_file.exists():
        key = key_file.read_text().strip()
    return key


def load_config(instance_path: Path) -> dict:
    """Build the configuration dict of a production or development app from env vars."""
    env = os.environ
    base_url = env.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    https = base_url.startswith("https://")
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": env.get(
            "DATABASE_URL", f"sqlite:///{instance_path / 'comptoir.db'}"
        ),
        "BASE_URL": base_url,
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_SECURE": https,
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES", "0")),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        # The job queue: unset = instance/queue.db; sqlite:////path/queue.db; redis://host/0.
        "QUEUE_URL": env.get("QUEUE_URL", ""),
        # An issued document's PDF rendered by the worker before anyone asks (issue 21).
        "PDF_STORE_AHEAD": _bool(env.get("PDF_STORE_AHEAD"), default=True),
        "MAIL_SERVER": env.get("MAIL_SERVER", "127.0.0.1"),
        "MAIL_PORT": int(env.get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": _bool(env.get("MAIL_USE_TLS")),
        "MAIL_USE_SSL": _bool(env.get("MAIL_USE_SSL")),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER", "Comptoir <noreply@localhost>"),
        "DEFAULT_LANGUAGE": env.get("DEFAULT_LANGUAGE", "en"),
        # /healthz is unhealthy while an email has waited longer than this (seconds).
        "HEALTH_OUTBOX_MAX_AGE": int(env.get("HEALTH_OUTBOX_MAX_AGE", "3600")),
        **_file_cap(env.get("CUSTOMER_FILE_MAX_BYTES")),
        "LANGUAGES": discover_languages(),
        # Throttles may be raised from the environment (bench/load_faults.py does, for its run
        # only); unset, the defaults below hold.
        **{name: env[name] for name in THROTTLE_SETTINGS if env.get(name)},
    }


def _file_cap(value: str | None) -> dict:
    """The largest file on a customer's Files tab, and a request size that lets it through."""
    if not value:
        return {}
    cap = int(value)
    request_cap = max(DEFAULTS["MAX_CONTENT_LENGTH"], cap + 1024 * 1024)
    return {"CUSTOMER_FILE_MAX_BYTES": cap, "MAX_CONTENT_LENGTH": request_cap}


THROTTLE_SETTINGS = (
    "LOGIN_LIMIT_ACCOUNT", "LOGIN_LIMIT_ADDRESS", "SUPPORT_POST_LIMIT", "CALENDAR_FEED_LIMIT",
    "KB_VOTE_LIMIT",
)  # fmt: skip


DEFAULTS = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    # Remember me: a year. Without it, a session unseen for a week ends (services/sessions.py).
    "REMEMBER_COOKIE_DURATION": timedelta(days=365),
    "SESSION_IDLE_MAX_AGE": timedelta(days=7),
    "WTF_CSRF_TIME_LIMIT": None,
    "BABEL_TRANSLATION_DIRECTORIES": str(TRANSLATIONS),
    "PASSWORD_HASH_METHOD": "scrypt",
    "RESET_TOKEN_MAX_AGE": 3600,
    # Links staff send to contacts so they choose a first portal password.
    "SET_PASSWORD_MAX_AGE": 72 * 3600,
    # The link that confirms a staff member's new email address (My profile).
    "EMAIL_CHANGE_MAX_AGE": 24 * 3600,
    # The link that invites a new staff member to choose their password (Settings -> Staff).
    "INVITATION_MAX_AGE": 7 * 24 * 3600,
    # Sign-in throttling: failures per account and per client address.
    "LOGIN_LIMIT_ACCOUNT": "5 per 15 minutes",
    "LOGIN_LIMIT_ADDRESS": "20 per 15 minutes",
    # Tickets and replies one contact may post (with their images to check and re-encode).
    "SUPPORT_POST_LIMIT": "10 per 10 minutes",
    # Requests to one calendar feed link (calendar apps ask every few minutes to hours).
    "CALENDAR_FEED_LIMIT": "60 per hour",
    # "Was this article helpful?" answers one contact, or one address, may send.
    "KB_VOTE_LIMIT": "30 per 10 minutes",
    "RATELIMIT_HEADERS_ENABLED": True,
    # Five 5 MB attachments and the form around them.
    "MAX_CONTENT_LENGTH": 30 * 1024 * 1024,
    "HEALTH_OUTBOX_MAX_AGE": 3600,
    # A customer's Files tab (app/services/customers/files.py); the environment may raise it.
    "CUSTOMER_FILE_MAX_BYTES": 10 * 1024 * 1024,
}


def config_for_tests(database_url: str, mail_port: int) -> dict:
    """Configuration of the app under test: real CSRF, real mail server, cheaper scrypt."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "BASE_URL": "https://crm.example.com",
        "SERVER_NAME": None,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": mail_port,
        "MAIL_SUPPRESS_SEND": False,  # deliver to the real SMTP server of the tests
        "MAIL_DEFAULT_SENDER": "Comptoir <noreply@example.com>",
        "RATELIMIT_STORAGE_URI": "memory://",
        # Jobs run as they are enqueued; tests of the queue itself switch this off.
        "QUEUE_IMMEDIATE": True,
        # Rendering every issued document's PDF would slow every sales test by half; the tests of
        # PDFs stored ahead switch it on.
        "PDF_STORE_AHEAD": False,
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
    }
