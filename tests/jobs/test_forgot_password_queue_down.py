"""Forgotten password with the queue down: the same answer as with it up (the person may ask
again), and the reset job, when the queue works, expires after an hour."""

import pytest

from app import create_app
from app.config import config_for_tests
from app.extensions import db
from tests.conftest import Client, free_port
from tests.factories import make_user

URLS = ["/admin/forgot-password", "/clients/forgot-password"]


def answer(client, url: str) -> tuple:
    """Status, where it leads and what the next page says, for a reset asked at `url`."""
    response = client.post_form(url, {"email": "someone@example.com"})
    page = client.get(response.location).get_data(as_text=True)
    message = "If an account uses this address, we have emailed it a link"
    return response.status_code, response.location, message in page


@pytest.fixture
def down_client(app, smtp, tmp_path):
    """A client of the same app and database whose QUEUE_URL is a Redis port nobody serves."""
    config = config_for_tests(app.config["SQLALCHEMY_DATABASE_URI"], smtp.port)
    config |= {"QUEUE_URL": f"redis://127.0.0.1:{free_port()}/0", "QUEUE_IMMEDIATE": False}
    down = create_app({**config, "INSTANCE_PATH": str(tmp_path)})
    down.test_client_class = Client
    yield down.test_client()
    with down.app_context():  # its own engine: close its connections before the GC finds them
        db.engine.dispose()


@pytest.mark.parametrize("url", URLS)
def test_a_down_queue_gets_the_usual_answer(client, down_client, ctx, queue, url, caplog):
    make_user(email="someone@example.com")
    usual = answer(client, url)
    assert usual == (303, usual[1], True)
    assert answer(down_client, url) == usual
    assert "Password reset request not enqueued" in caplog.text


def test_the_reset_job_expires_after_an_hour(client, ctx, queue):
    client.post_form(URLS[0], {"email": "someone@example.com"})
    (job,) = queue.pending()
    assert job.name == "password_reset_request" and job.expires == 3600
