"""The outbox: every message is a row written with the change that causes it, sent after commit.

A committed row is handed to the job queue, whose worker sends it; no request waits on SMTP.
A failing SMTP server loses nothing: the row keeps the error and is retried with back-off by the
worker's sweep (or `flask --app wsgi mail send-outbox`), which also sends rows whose job was lost.
"""

import smtplib
import socket
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr, make_msgid

from flask_babel import gettext as _
from flask_mail import BadHeaderError, Connection, Message
from sqlalchemy import select, update

from app.extensions import db
from app.models import OutboxAttachment, OutboxMessage
from app.models.types import utcnow
from app.services import ValidationError
from app.services.settings import Settings, get_settings

SMTP_TIMEOUT = 10
# Messages to staff: not shown among a customer's undelivered emails.
STAFF_KINDS = (
    "ticket_opened_staff",
    "ticket_reply_staff",
    "estimate_answered_staff",
    "proposal_answered_staff",
    "task_comment_staff",
    "contract_signed_staff",
    "contract_reminder_staff",
)
MAX_BACKOFF = timedelta(hours=6)
# A worker holds a claimed row this long; if it dies mid-send the row is due again afterwards.
LEASE = timedelta(minutes=5)
PENDING_KEY = "outbox_ids"  # session.info: rows this transaction wrote, to deliver after commit


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
    """Have the job queue deliver this row once the transaction commits (app.jobs reads it)."""
    db.session.info.setdefault(PENDING_KEY, []).append(message_id)


def new_message_id(settings: Settings) -> str:
    """A Message-ID in the sender's domain, kept on the row: a retry is the same message."""
    # The sender's domain: no DNS lookup of this machine's name, and what spam filters expect.
    return make_msgid(domain=settings.mail_sender_email.rpartition("@")[2] or socket.gethostname())


@dataclass
class SmtpServer:
    """What flask_mail.Connection reads, taken from the settings (MAIL_* are their defaults)."""

    server: str
    port: int
    use_tls: bool
    use_ssl: bool
    username: str | None
    password: str | None
    debug: int = 0
    max_emails: int | None = None
    suppress: bool = False


class TimedConnection(Connection):
    """An SMTP connection that gives up after SMTP_TIMEOUT seconds instead of hanging."""

    def configure_host(self):
        mail = self.mail
        cls = smtplib.SMTP_SSL if mail.use_ssl else smtplib.SMTP
        # The machine's own name without a DNS lookup (smtplib's default asks DNS for the FQDN,
        # which can stall a request for seconds on hosts missing from /etc/hosts).
        host = cls(
            mail.server, mail.port, local_hostname=socket.gethostname(), timeout=SMTP_TIMEOUT
        )
        if mail.use_tls:
            host.starttls()
        if mail.username and mail.password:
            host.login(mail.username, mail.password)
        return host


def smtp_server(settings: Settings) -> SmtpServer:
    return SmtpServer(
        server=settings.smtp_host or "127.0.0.1",
        port=int(settings.smtp_port or 25),
        use_tls=settings.smtp_security == "starttls",
        use_ssl=settings.smtp_security == "ssl",
        username=settings.smtp_user or None,
        password=settings.smtp_password or None,
    )


def transmit(
    recipient: str,
    subject: str,
    text: str,
    html: str,
    settings: Settings,
    attachments=(),
    message_id: str | None = None,
) -> None:
    """Send one message now through the configured SMTP server (raises on failure)."""
    sender = formataddr((settings.mail_sender_name or "", settings.mail_sender_email))
    message = Message(subject=subject, recipients=[recipient], body=text, html=html, sender=sender)
    message.msgId = message_id or new_message_id(settings)
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content_type, attachment.content)
    with TimedConnection(smtp_server(settings)) as connection:
        connection.send(message)


def plain_error(exc: Exception) -> str:
    """An SMTP failure said in plain words."""
    if isinstance(
        exc,
        ConnectionRefusedError
        | socket.gaierror
        | TimeoutError
        | UnicodeError
        | ValueError
        | smtplib.SMTPServerDisconnected,
    ):
        return _("The mail server could not be reached (%(error)s).", error=exc)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return _("The mail server refused the user name or password.")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return _("The mail server refused the recipient address.")
    if isinstance(exc, BadHeaderError):
        return _("The message has a line break in a header and was not sent.")
    return _("The mail server answered: %(error)s", error=exc)


def _claim(message_id: int) -> OutboxMessage | None:
    """Take a due, unsent message for this worker for LEASE (no other worker sends it meanwhile)."""
    now = utcnow()
    # The condition is checked again under the row lock, so of two workers only one matches;
    # on PostgreSQL SKIP LOCKED lets the other give up at once instead of waiting (SQLite, which
    # locks the whole file, ignores it).
    due = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
        )
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == due,
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
        )
        .values(next_attempt_at=now + LEASE)
    ).rowcount
    db.session.commit()
    return db.session.get(OutboxMessage, message_id) if claimed == 1 else None


def deliver(message_id: int, settings: Settings | None = None) -> bool:
    """Try to send one message; record success, or the error and when to try again."""
    message = _claim(message_id)
    if message is None:
        return False
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
    except (OSError, ValueError, UnicodeError, smtplib.SMTPException, BadHeaderError) as exc:
        message.attempts += 1
        message.last_error = str(plain_error(exc))[:500]
        backoff = min(timedelta(minutes=2**message.attempts), MAX_BACKOFF)
        message.next_attempt_at = utcnow() + backoff
        db.session.commit()
        return False
    message.attempts += 1
    message.sent_at = utcnow()
    message.last_error = None
    db.session.commit()
    return True


def attachments_of(message_id: int) -> list[OutboxAttachment]:
    """The files sent with a message."""
    return list(
        db.session.scalars(
            select(OutboxAttachment)
            .where(OutboxAttachment.message_id == message_id)
            .order_by(OutboxAttachment.id)
        )
    )


def send_due(limit: int = 200) -> tuple[int, int]:
    """Send every message whose time has come; returns (sent, failed)."""
    ids = db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= utcnow())
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    settings = get_settings()  # once for the batch, not once per message
    sent = sum(1 for message_id in ids if deliver(message_id, settings))
    return sent, len(ids) - sent


def retry_now(message: OutboxMessage) -> None:
    """Staff's 'resend': make the message due now and hand it to the queue after commit."""
    message.next_attempt_at = utcnow()
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


def send_test_message(recipient: str, settings: Settings) -> str | None:
    """Send a test message now; None on success, else the error in plain words."""
    try:
        transmit(
            recipient,
            _("Comptoir test email"),
            _("This test email shows that Comptoir can send mail."),
            "<p>{}</p>".format(_("This test email shows that Comptoir can send mail.")),
            settings,
        )
    except (OSError, ValueError, UnicodeError, smtplib.SMTPException, BadHeaderError) as exc:
        return str(plain_error(exc))
    return None
