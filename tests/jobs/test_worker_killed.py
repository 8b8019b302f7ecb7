"""A worker killed in the middle of sending: the message goes once, later, as the same message."""

import email
import email.policy
import signal
import threading

from aiosmtpd.controller import Controller
from sqlalchemy import update

from app.extensions import db
from app.jobs import in_job_context
from app.jobs.tasks import PERIODIC
from app.models import OutboxMessage
from app.models.types import utcnow
from app.services.mail.outbox import LEASE, queue_email
from tests.conftest import free_port
from tests.jobs.conftest import start_worker


class StallingServer:
    """An SMTP server that takes the message, then never answers (the worker hangs there)."""

    def __init__(self):
        self.received = threading.Event()
        self.message = None

    async def handle_DATA(self, server, session, envelope):
        self.message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.set()
        await server.loop.create_future()  # forever


def test_a_worker_killed_mid_send_is_taken_over_after_the_lease(app, ctx, inbox, queue):
    stalling = StallingServer()
    controller = Controller(stalling, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with start_worker(app, controller.port) as worker:
            message = queue_email("ada@example.com", "Hello", "<p>Hi</p>", "Hi", kind="test")
            db.session.commit()
            assert stalling.received.wait(20), "the worker never reached the mail server"
            worker.send_signal(signal.SIGKILL)
            worker.communicate()
    finally:
        controller.stop()
    sweep = in_job_context(app, PERIODIC["sweep_outbox"][1])
    sweep()
    assert inbox.messages == []  # still the dead worker's, until its lease runs out
    db.session.execute(update(OutboxMessage).values(claimed_until=utcnow() - LEASE))
    db.session.commit()
    sweep()
    sweep()
    assert inbox.only()["Message-ID"] == stalling.message["Message-ID"]  # the same message
    db.session.expire_all()
    row = db.session.get(OutboxMessage, message.id)
    assert row.sent_at is not None and row.attempts == 1
