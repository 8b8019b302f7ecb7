"""QUEUE_URL picks the queue: a SQLite file in instance/ by default, another file, or Redis."""

import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from huey import RedisHuey, SqliteHuey

from app.jobs import make_huey
from tests.conftest import free_port
from tests.jobs.conftest import wait_for


def app_with(tmp_path: Path, url: str | None):
    return SimpleNamespace(config={"QUEUE_URL": url}, instance_path=str(tmp_path))


def round_trip(huey) -> list[int]:
    """Enqueue a job, then take it from the storage and run it, as a worker would."""
    done = []
    add = huey.task()(done.append)
    add(42)
    huey.execute(huey.dequeue())
    return done


def test_unset_is_a_sqlite_file_in_instance(tmp_path):
    huey = make_huey(app_with(tmp_path, None))
    assert isinstance(huey, SqliteHuey) and round_trip(huey) == [42]
    assert (tmp_path / "queue.db").exists()


def test_an_absolute_sqlite_url_is_that_file(tmp_path):
    huey = make_huey(app_with(tmp_path / "instance", f"sqlite:///{tmp_path / 'q.db'}"))
    assert round_trip(huey) == [42] and (tmp_path / "q.db").exists()


def test_an_unknown_scheme_is_refused(tmp_path):
    with pytest.raises(RuntimeError, match="QUEUE_URL"):
        make_huey(app_with(tmp_path, "amqp://broker/"))


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")
def test_a_redis_url_runs_on_redis(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        huey = make_huey(app_with(tmp_path, f"redis://127.0.0.1:{port}/0"))
        assert isinstance(huey, RedisHuey)
        assert wait_for(lambda: _answers(huey), seconds=10)
        assert round_trip(huey) == [42]
    finally:
        server.terminate()
        server.wait()


def _answers(huey) -> bool:
    try:
        return huey.storage.conn.ping()
    except redis.exceptions.ConnectionError:
        return False
