"""Configuration rules that protect a real deployment."""

import pytest

from app import create_app


@pytest.mark.parametrize("key", ["", "dev", "change-me", "short"])
def test_production_refuses_a_weak_secret_key(monkeypatch, tmp_path, key):
    monkeypatch.setenv("SECRET_KEY", key)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SECRET_KEY": key})


def test_production_starts_with_a_real_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    app = create_app({"SECRET_KEY": "k" * 48})
    assert not app.testing


def test_https_base_url_makes_cookies_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("BASE_URL", "https://crm.example.com/")
    app = create_app({"SECRET_KEY": "k" * 48})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["BASE_URL"] == "https://crm.example.com"


def test_throttles_may_be_raised_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("LOGIN_LIMIT_ADDRESS", "1000 per minute")
    app = create_app({"SECRET_KEY": "k" * 48})
    assert app.config["LOGIN_LIMIT_ADDRESS"] == "1000 per minute"
    assert app.config["LOGIN_LIMIT_ACCOUNT"] == "5 per 15 minutes"  # unset: the default


def test_pdfs_are_stored_ahead_unless_the_environment_says_no(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert create_app({"SECRET_KEY": "k" * 48}).config["PDF_STORE_AHEAD"]
    monkeypatch.setenv("PDF_STORE_AHEAD", "0")
    assert not create_app({"SECRET_KEY": "k" * 48}).config["PDF_STORE_AHEAD"]
