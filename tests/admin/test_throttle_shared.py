"""Throttling holds across several app servers when they share a Redis storage."""

import shutil
import subprocess
import time

import pytest
import redis

from app import create_app
from app.config import config_for_tests
from app.extensions import db, limiter
from tests.conftest import Client, free_port
from tests.factories import PASSWORD, make_user


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield url
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def restore_limiter():
    """Flask-Limiter keeps one storage per extension object: give the session app its own back."""
    saved = limiter._storage, limiter._limiter
    yield
    limiter._storage, limiter._limiter = saved


def test_two_app_servers_share_the_failure_count(app, smtp, ctx, redis_url, restore_limiter):
    user = make_user()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    servers = []
    for _ in range(2):
        server = create_app(
            {**config_for_tests(url, smtp.port), "RATELIMIT_STORAGE_URI": redis_url}
        )
        server.test_client_class = Client
        servers.append(server)
    first, second = (server.test_client() for server in servers)
    for _ in range(5):
        response = first.post_form("/admin/login", {"email": user.email, "password": "nope"})
        assert response.status_code == 422
    # The other server knows: the account waits there too, even with the right password.
    response = second.post_form("/admin/login", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    for server in servers:
        with server.app_context():
            db.engine.dispose()
