"""The outbox: every message is a row written with the change that causes it, sent after commit.

A committed row is handed to the job queue, whose worker sends it; no request waits on SMTP.
A failing SMTP server loses nothing: the row keeps the error and is retried with back-off by the
worker's sweep (or `flask --app wsgi mail send-outbox`), which also sends rows whose job was lost.
"""

from datetime import datetime, timedelta
from time import monotonic
from typing import NamedTuple

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import or_, select, update

from app.after_commit import run_after_commit
from app.extensions import db
from app.models import OutboxAttachment, OutboxMessage
from app.models.types import utcnow
from app.services import ValidationError
from app.services.mail.sent_links import without_link_tokens
from app.services.mail.smtp import SEND_ERRORS, new_message_id, server_down, stored_error, transmit
from app.services.settings import Settings, get_settings

# Messages to staff: not shown among a customer's undelivered emails.
STAFF_KINDS = (
    "ticket_opened_staff",
    "ticket_reply_staff",
    "estimate_answered_staff",
    "proposal_answered_staff",
    "task_comment_staff",
    "contract_signed_staff",
    "contract_reminder_staff",
    "reminder_staff",
)
MAX_BACKOFF = timedelta(hours=6)
# A worker holds a claimed row this long; if it dies mid-send the row is due again afterwards.
# smtp.SMTP_TIMEOUT bounds each socket operation, not a whole send (a slow server answering every
# few seconds, a large attachment), so the lease is far longer than any send can take; a late
# worker still cannot overwrite another's outcome (_record checks the claim is its own).
LEASE = timedelta(minutes=30)
# The sweep runs every minute: one batch stops after this, leaving the rest for the next run.
BATCH_BUDGET = timedelta(seconds=45)


def _check_header(value: str, field: str) -> None:
    """CR/LF in a header would let text become new headers: refuse it."""
    if "\r" in value or "\n" in value or "\x00" in value:
        raise ValidationError(_("Line breaks are not allowed here."), field)


def queue_email(
    recipient: str,
    subject: str,
    html: str,
    text: str,
    kind: str,
    customer_id: int | None = None,
    attachments: list[tuple[str, str, bytes]] = (),
) -> OutboxMessage:
    """Write a message (and its files) to the outbox in the current transaction."""
    _check_header(recipient, "recipient")
    _check_header(subject, "subject")
    message = OutboxMessage(
        kind=kind,
        recipient=recipient,
        subject=subject[:255],
        body_html=html,
        body_text=text,
        customer_id=customer_id,
        message_id_header=new_message_id(get_settings()),
    )
    db.session.add(message)
    db.session.flush()
    for filename, content_type, content in attachments:
        db.session.add(
            OutboxAttachment(
                message_id=message.id, filename=filename, content_type=content_type, content=content
            )
        )
    send_after_commit(message.id)
    return message


def send_after_commit(message_id: int) -> None:
    """Have the job queue deliver this row once the transaction commits."""
    run_after_commit("deliver_message", message_id)


def unclaimed(now: datetime):
    """SQL: no worker holds the row (never claimed, released, or its lease has run out)."""
    return or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now)


def _claim(message_id: int) -> tuple[OutboxMessage, datetime] | None:
    """Take a due, unclaimed, unsent message for this worker for LEASE; returns it with the
    claim's token (its claimed_until), which the final write checks is still ours."""
    now = utcnow()
    token = now + LEASE
    claimable = (
        OutboxMessage.sent_at.is_(None),
        OutboxMessage.next_attempt_at <= now,
        unclaimed(now),
    )
    # The condition is checked again under the row lock, so of two workers only one matches;
    # on PostgreSQL SKIP LOCKED lets the other give up at once instead of waiting (SQLite, which
    # locks the whole file, ignores it).
    due = (
        select(OutboxMessage.id)
        .where(OutboxMessage.id == message_id, *claimable)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == due, *claimable)
        .values(claimed_until=token)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return (db.session.get(OutboxMessage, message_id), token) if claimed == 1 else None


def _record(message_id: int, token: datetime, **values) -> bool:
    """Write a send's outcome and release the claim, only if the claim is still ours (a worker
    that outlived its lease must not overwrite the outcome of the one that took the row over)."""
    written = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.claimed_until == token)
        .values(attempts=OutboxMessage.attempts + 1, claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return written == 1


def deliver(message_id: int, settings: Settings | None = None) -> bool:
    """Try to send one message; record success, or the error and when to try again."""
    return attempt(message_id, settings) == "sent"


def attempt(message_id: int, settings: Settings | None = None) -> str:
    """deliver(), saying how it went: "sent", "failed", "down" (the server is unreachable:
    recorded as failed) or "busy" (another worker holds the row, or took it over)."""
    claim = _claim(message_id)
    if claim is None:
        return "busy"
    message, token = claim
    attempts = message.attempts + 1
    try:
        transmit(
            message.recipient,
            message.subject,
            message.body_text,
            message.body_html,
            settings or get_settings(),
            attachments_of(message.id),
            message.message_id_header,
        )
    except Exception as exc:  # whatever it is, the row must not stay claimed with no trace
        db.session.rollback()
        if not isinstance(exc, SEND_ERRORS):
            current_app.logger.exception("Outbox message %s: unexpected error", message_id)
        backoff = min(timedelta(minutes=2**attempts), MAX_BACKOFF)
        _record(message_id, token, last_error=stored_error(exc),
                next_attempt_at=utcnow() + backoff)  # fmt: skip
        return "down" if server_down(exc) else "failed"
    # The bodies lose their password links in the same write that marks the message sent.
    text, html = without_link_tokens(message.body_text, message.body_html)
    sent = _record(message_id, token, sent_at=utcnow(), last_error=None, body_text=text,
                   body_html=html)  # fmt: skip
    return "sent" if sent else "busy"


def attachments_of(message_id: int) -> list[OutboxAttachment]:
    """The files sent with a message."""
    return list(
        db.session.scalars(
            select(OutboxAttachment)
            .where(OutboxAttachment.message_id == message_id)
            .order_by(OutboxAttachment.id)
        )
    )


class Batch(NamedTuple):
    """What one send_due run did: sent, failed, held by another worker, left for the next run."""

    sent: int = 0
    failed: int = 0
    busy: int = 0
    left: int = 0


def batch_summary(batch: Batch) -> str:
    """One line for the operator commands (English, like every CLI message)."""
    return (
        f"{batch.sent} sent, {batch.failed} failed (kept for a later try), "
        f"{batch.busy} being sent by another worker, {batch.left} left for the next run."
    )


def send_due(limit: int = 200, budget: timedelta = BATCH_BUDGET) -> Batch:
    """Send the messages whose time has come, for at most `budget` (the sweep runs every
    minute), stopping at the first message that finds the mail server unreachable."""
    ids = db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= utcnow())
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    settings = get_settings()  # once for the batch, not once per message
    deadline = monotonic() + budget.total_seconds()
    counts = {"sent": 0, "failed": 0, "busy": 0}
    for done, message_id in enumerate(ids, start=1):
        outcome = attempt(message_id, settings)
        counts["failed" if outcome == "down" else outcome] += 1
        # The server is down (the rest would fail too) or the minute is nearly over: the rest
        # wait for the next sweep.
        if outcome == "down" or monotonic() > deadline:
            return Batch(**counts, left=len(ids) - done)
    return Batch(**counts)


def retry_now(message: OutboxMessage) -> None:
    """Staff's 'resend': make the message due now and hand it to the queue after commit;
    refused while a worker is sending it (making it due would let a second worker send it)."""
    now = utcnow()
    made_due = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message.id,
            OutboxMessage.sent_at.is_(None),
            unclaimed(now),
        )
        .values(next_attempt_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if made_due != 1:
        raise ValidationError(
            _("The email to %(email)s is being sent right now.", email=message.recipient)
        )
    send_after_commit(message.id)


def undelivered_for(customer_id: int) -> list[OutboxMessage]:
    """Messages to a customer's people that have not left yet."""
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.customer_id == customer_id,
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.kind.not_in(STAFF_KINDS),
            )
            .order_by(OutboxMessage.id)
        )
    )
