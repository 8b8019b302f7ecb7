"""A message a worker is sending is not sent again: Retry now, Resend and other workers wait
for its claim, and a worker whose claim was taken over does not record its outcome."""

import asyncio
import email
import email.policy
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import update

from app.extensions import db
from app.jobs import in_job_context
from app.jobs.tasks import PERIODIC
from app.models import OutboxMessage
from app.models.types import utcnow
from app.services.mail import outbox
from app.services.mail.outbox import deliver, queue_email, send_due
from app.services.settings import save_settings
from tests.conftest import free_port
from tests.factories import make_admin, make_customer
from tests.jobs.conftest import run_queued

OUTBOX = "/admin/settings/email/outbox"


class HeldServer:
    """An SMTP server that takes a message and answers only once the test releases it."""

    def __init__(self):
        self.received = threading.Event()
        self.release = threading.Event()
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        self.received.set()
        while not self.release.is_set():
            await asyncio.sleep(0.02)
        return "250 OK"


@pytest.fixture
def held(ctx):
    """A HeldServer the settings point at, for this test."""
    server = HeldServer()
    controller = Controller(server, hostname="127.0.0.1", port=free_port())
    controller.start()
    save_settings({"smtp_port": controller.port})
    db.session.commit()
    yield server
    server.release.set()
    controller.stop()


def queue_one(customer=None) -> OutboxMessage:
    message = queue_email("ada@example.com", "Hello", "<p>Hi</p>", "Hi", kind="contact_link",
                          customer_id=customer.id if customer else None)  # fmt: skip
    db.session.commit()
    return message


def worker_thread(app, target) -> threading.Thread:
    """`target` run as another worker would, in its own thread and app context."""

    def run():
        with app.app_context():
            target()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def row(message_id: int) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def test_retry_now_and_a_second_worker_during_a_send_do_not_send_twice(
    app, client, login_as, queue, held
):
    message = queue_one()
    sending = worker_thread(app, lambda: run_queued(queue))  # the worker takes the job
    assert held.received.wait(10), "the worker never reached the mail server"
    login_as(make_admin())
    response = client.post_form(f"{OUTBOX}/{message.id}/retry", {}, token_from=OUTBOX)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "is being sent right now" in page
    assert "Sending" in page and "Retry now" not in page
    assert run_queued(queue) == []  # nothing was handed to the queue again
    assert deliver(message.id) is False  # another worker does not take it
    held.release.set()
    sending.join(10)
    assert len(held.messages) == 1
    assert row(message.id).sent_at is not None and row(message.id).claimed_until is None
    in_job_context(app, PERIODIC["sweep_outbox"][1])()
    assert len(held.messages) == 1


def test_a_claimed_row_has_no_resend_and_the_sweep_sends_it_once_its_lease_has_passed(
    app, client, ctx, login_as, inbox
):
    customer = make_customer()
    save_settings({"smtp_port": free_port()})
    db.session.commit()
    message = queue_one(customer)  # failed: the customer page offers Resend
    save_settings({"smtp_port": app.config["MAIL_PORT"]})
    db.session.execute(update(OutboxMessage).values(
        claimed_until=utcnow() + timedelta(minutes=10), next_attempt_at=utcnow()))  # fmt: skip
    db.session.commit()  # a worker (killed, or still talking to the server) holds it
    login_as(make_admin())
    customer_page = f"/admin/customers/{customer.id}"
    page = client.get(customer_page).get_data(as_text=True)
    assert "Sending" in page and "Resend" not in page
    resend = f"/admin/customers/{customer.id}/emails/{message.id}/resend"
    client.post_form(resend, {}, token_from=customer_page)
    assert "ada@example.com" in client.get(f"{OUTBOX}?state=sending").get_data(as_text=True)
    assert "ada@example.com" not in client.get(f"{OUTBOX}?state=failed").get_data(as_text=True)
    sweep = in_job_context(app, PERIODIC["sweep_outbox"][1])
    sweep()
    assert inbox.messages == []
    assert send_due() == (0, 0, 1, 0)  # counted as held by another worker, not as failed
    db.session.execute(update(OutboxMessage).values(claimed_until=utcnow() - timedelta(1)))
    db.session.commit()
    sweep()
    sweep()
    assert inbox.only()["Message-ID"] == message.message_id_header
    assert "Resend" not in client.get(customer_page).get_data(as_text=True)


def test_a_worker_whose_claim_was_taken_over_does_not_record_its_outcome(app, ctx, queue, held):
    message = queue_one()
    outcome = []
    late = worker_thread(app, lambda: outcome.append(deliver(message.id)))
    assert held.received.wait(10)
    # Its lease runs out and another worker claims the row.
    db.session.execute(update(OutboxMessage).values(claimed_until=utcnow() - timedelta(1)))
    db.session.commit()
    _, token = outbox._claim(message.id)
    held.release.set()
    late.join(10)
    assert outcome == [False]
    taken = row(message.id)
    assert taken.claimed_until == token  # still the other worker's
    assert taken.sent_at is None and taken.attempts == 0


def test_the_send_outbox_command_says_what_is_held_by_another_worker(app, ctx, queue):
    queue_one()
    db.session.execute(update(OutboxMessage).values(claimed_until=utcnow() + timedelta(1)))
    db.session.commit()
    output = app.test_cli_runner().invoke(args=["mail", "send-outbox"]).output
    assert "0 sent, 0 failed" in output and "1 being sent by another worker" in output
