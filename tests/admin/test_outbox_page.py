"""Settings → Email → Outbox: queued, failed and sent messages with the last error; Retry now."""

import pytest
from sqlalchemy import update

from app.extensions import db
from app.models import OutboxMessage
from app.models.types import utcnow
from app.services.mail.outbox import queue_email
from app.services.settings import save_settings
from tests.conftest import free_port
from tests.factories import make_admin

URL = "/admin/settings/email/outbox"


@pytest.fixture
def admin(client, ctx, login_as):
    return login_as(make_admin())


def queue(recipient: str) -> OutboxMessage:
    message = queue_email(recipient, f"To {recipient}", "<p>Hi</p>", "Hi", kind="test")
    db.session.commit()  # the (immediate) queue delivers it now
    return message


def test_the_outbox_lists_each_state_with_the_servers_error_and_filters(app, client, admin):
    queue("sent@example.com")
    save_settings({"smtp_port": free_port()})
    db.session.commit()
    queue("failed@example.com")
    page = client.get(URL).get_data(as_text=True)
    assert "sent@example.com" in page and "failed@example.com" in page
    assert "could not be reached" in page
    assert page.count("Retry now") == 1  # a sent message is not sent again
    failed = client.get(URL + "?state=failed").get_data(as_text=True)
    assert "failed@example.com" in failed and "sent@example.com" not in failed
    sent = client.get(URL + "?state=sent").get_data(as_text=True)
    assert "sent@example.com" in sent and "failed@example.com" not in sent
    assert "Outbox" in client.get("/admin/settings/email").get_data(as_text=True)


def test_retry_now_sends_a_failed_message_once_the_server_is_back(app, client, admin, inbox):
    save_settings({"smtp_port": free_port()})
    db.session.commit()
    message = queue("bob@example.com")
    assert message.sent_at is None and inbox.messages == []
    save_settings({"smtp_port": app.config["MAIL_PORT"]})
    db.session.commit()
    response = client.post_form(f"{URL}/{message.id}/retry?state=failed", {}, token_from=URL)
    assert response.status_code == 303 and response.headers["Location"].endswith("state=failed")
    assert inbox.only()["To"] == "bob@example.com"
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message.id).sent_at is not None
    assert client.post_form(f"{URL}/{message.id}/retry", {}, token_from=URL).status_code == 404


def test_fifty_messages_a_page(client, admin):
    for n in range(51):
        queue_email(f"person{n}@example.com", "Hello", "<p>Hi</p>", "Hi", kind="test")
    db.session.execute(update(OutboxMessage).values(sent_at=utcnow()))
    db.session.commit()
    first = client.get(URL).get_data(as_text=True)
    assert "person50@example.com" in first and "person0@example.com" not in first
    assert "person0@example.com" in client.get(URL + "?page=2").get_data(as_text=True)
