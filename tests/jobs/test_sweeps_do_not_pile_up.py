"""The periodic sweeps stay within their minute: one at a time, stopping when the mail server is
down, and one failing item (a message, an image) does not hold back the others."""

import io
import logging
from datetime import datetime, timedelta

from PIL import Image
from sqlalchemy import select, update

from app.extensions import db
from app.jobs import in_job_context
from app.jobs.tasks import PERIODIC
from app.models import OutboxAttachment, OutboxMessage, TicketAttachment
from app.models.types import utcnow
from app.services.mail.outbox import deliver, queue_email, send_due
from app.services.settings import save_settings
from tests.conftest import free_port
from tests.factories import make_ticket


def queue_two() -> list[int]:
    ids = []
    for name in ("ada", "bob"):
        queue_email(f"{name}@example.com", "Hello", "<p>Hi</p>", "Hi", kind="test")
        db.session.commit()
        ids.append(
            db.session.scalars(select(OutboxMessage.id).order_by(OutboxMessage.id.desc())).first()
        )
    return ids


def periodic(queue, name: str):
    """The scheduler's instance of periodic task `name`, as the consumer would enqueue it (for a
    minute already past, so that it is due)."""
    tasks = queue.read_periodic(datetime(2020, 1, 1, 9, 6))
    return next(task for task in tasks if task.name == name)


def test_a_sweep_while_another_holds_its_lock_does_nothing(app, ctx, inbox, queue):
    queue_two()
    queue.flush()  # their jobs were lost: only the sweep sends them
    with queue.lock_task("sweep_outbox"):  # a sweep still running from the minute before
        queue.execute(periodic(queue, "sweep_outbox"))
        assert inbox.messages == []
    queue.execute(periodic(queue, "sweep_outbox"))
    assert len(inbox.messages) == 2


def test_the_attachment_sweep_is_locked_the_same_way(app, ctx, queue):
    ticket = make_ticket()
    reply = ticket.replies[0]
    db.session.add(pending_image(reply))
    db.session.commit()
    with queue.lock_task("sweep_attachments"):
        queue.execute(periodic(queue, "sweep_attachments"))
        assert db.session.scalars(select(TicketAttachment.pending)).one() is True
    queue.execute(periodic(queue, "sweep_attachments"))
    db.session.expire_all()
    assert db.session.scalars(select(TicketAttachment.pending)).one() is False


def test_a_batch_stops_at_the_first_message_that_finds_the_server_down(app, ctx, queue):
    save_settings({"smtp_port": free_port()})  # nobody listens there
    db.session.commit()
    first, second = queue_two()
    assert send_due() == (0, 1, 0, 1)
    db.session.expire_all()
    assert db.session.get(OutboxMessage, first).attempts == 1
    untried = db.session.get(OutboxMessage, second)
    assert untried.attempts == 0 and untried.last_error is None


def test_a_batch_stops_when_its_time_is_up(app, ctx, inbox, queue):
    queue_two()
    assert send_due(budget=timedelta(0)) == (1, 0, 0, 1)
    assert len(inbox.messages) == 1


def test_an_unexpected_error_is_recorded_and_the_batch_goes_on(app, ctx, inbox, queue, caplog):
    broken, fine = queue_two()
    # An attachment type with no "/": the mail library fails with a TypeError, not an SMTP error.
    db.session.add(OutboxAttachment(message_id=broken, filename="a.pdf", content_type="pdf",
                                    content=b"%PDF-1.4"))  # fmt: skip
    db.session.commit()
    with caplog.at_level(logging.ERROR):
        assert send_due() == (1, 1, 0, 0)
    assert f"Outbox message {broken}: unexpected error" in caplog.text
    assert [m["To"] for m in inbox.messages] == ["bob@example.com"]
    db.session.expire_all()
    failed = db.session.get(OutboxMessage, broken)
    assert failed.attempts == 1 and failed.last_error.startswith("failed:")
    assert failed.claimed_until is None and failed.next_attempt_at > utcnow()  # backs off
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
    db.session.commit()
    assert deliver(broken) is False  # tried again later, not stuck
    db.session.expire_all()
    assert db.session.get(OutboxMessage, broken).attempts == 2


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="PNG")
    return out.getvalue()


def pending_image(reply, content_type: str = "image/png") -> TicketAttachment:
    data = png()
    return TicketAttachment(reply_id=reply.id, filename="shot.png", content_type=content_type,
                            size=len(data), content=data, pending=True)  # fmt: skip


def test_one_image_that_fails_does_not_block_the_others(app, ctx, queue, caplog):
    reply = make_ticket().replies[0]
    odd = pending_image(reply, content_type="image/bmp")  # a type the re-encoder does not know
    good = pending_image(reply)
    db.session.add_all([odd, good])
    db.session.commit()
    with caplog.at_level(logging.ERROR):
        in_job_context(app, PERIODIC["sweep_attachments"][1])()
    assert f"Ticket attachment {odd.id} not re-encoded" in caplog.text
    db.session.expire_all()
    assert db.session.get(TicketAttachment, good.id).pending is False
    assert db.session.get(TicketAttachment, odd.id).pending is True  # kept, never served
