"""Talking to the SMTP server: one message sent now, and its failures said in plain words."""

import base64
import smtplib
import socket
from dataclasses import dataclass
from email.policy import compat32
from email.utils import make_msgid

from flask_babel import gettext as _
from flask_mail import BadHeaderError, Connection, Message

from app.services.branding import reply_to, sender_name
from app.services.settings import Settings

SMTP_TIMEOUT = 10
# What sending fails with in the normal course of things (anything else is logged as a bug).
SEND_ERRORS = (OSError, ValueError, UnicodeError, smtplib.SMTPException, BadHeaderError)
# A header line is at most 78 characters: "Subject: " + "=?utf-8?b?" + base64 + "?=" leaves
# 56 base64 characters, that is 42 bytes of UTF-8 per encoded word. A longer first line would be
# parsed and refolded by the email package, which is what loses the spaces.
WORD_BYTES = 42


def encoded_subject(subject: str) -> str:
    """The Subject header's value, folded so that a reader decodes exactly `subject`.

    Flask-Mail (email.header.Header, then the SMTP policy refolding it) folds a long non-ASCII
    subject between encoded words at a space, and a decoder drops whitespace between encoded
    words: "d'accueil »" came out "d'accueil»". Here a non-ASCII subject becomes UTF-8 encoded
    words cut between characters only, never at a space, so every space, no-break space
    (U+00A0) and narrow no-break space (U+202F) is inside a word and comes back as it was."""
    plain = subject.isascii() and subject.isprintable() and subject == subject.strip()
    if plain and "=?" not in subject:  # nothing a reader would decode or trim
        return subject  # folded at spaces by the email package, and unfolded back the same
    words, chunk = [], b""
    for char in subject:
        data = char.encode("utf-8")
        if len(chunk) + len(data) > WORD_BYTES:
            words.append(chunk)
            chunk = b""
        chunk += data
    words.append(chunk)
    return "\n ".join(f"=?utf-8?b?{base64.b64encode(w).decode('ascii')}?=" for w in words)


class SubjectKeepingMessage(Message):
    """A Flask-Mail message whose Subject header decodes to exactly the subject given."""

    def _message(self):
        msg = super()._message()
        if self.subject:
            # Stored as folded text (compat32 keeps it as is); the SMTP policy then writes
            # lines that fit as they are, without parsing and refolding them.
            smtp_policy, msg.policy = msg.policy, compat32
            msg.replace_header("Subject", encoded_subject(str(self.subject)))
            msg.policy = smtp_policy
        return msg


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
    # A (name, address) pair: Flask-Mail encodes the name itself (a formatted string would be
    # encoded twice, and a long accented name would reach the reader broken).
    sender = (sender_name(settings), settings.mail_sender_email)
    message = SubjectKeepingMessage(subject=subject, recipients=[recipient], body=text, html=html,
                                    sender=sender, reply_to=reply_to(settings))  # fmt: skip
    message.msgId = message_id or new_message_id(settings)
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content_type, attachment.content)
    with TimedConnection(smtp_server(settings)) as connection:
        connection.send(message)


def error_code(exc: Exception) -> str:
    """The kind of an SMTP failure, as the outbox keeps it (said in words only when shown)."""
    if isinstance(
        exc,
        ConnectionRefusedError
        | socket.gaierror
        | TimeoutError
        | UnicodeError
        | ValueError
        | smtplib.SMTPServerDisconnected,
    ):
        return "unreachable"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "credentials"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "recipient"
    if isinstance(exc, BadHeaderError):
        return "header"
    if isinstance(exc, smtplib.SMTPException):
        return "answered"
    return "failed"


def stored_error(exc: Exception) -> str:
    """What an outbox row keeps of a failure: its code and the server's own words
    (`unreachable:[Errno 111] Connection refused`), so each reader sees it in their language."""
    return f"{error_code(exc)}:{exc}"[:500]


def describe_error(stored: str | None) -> str:
    """A stored failure in plain words, in the active language; a row written before codes were
    kept shows its text as it was."""
    code, colon, detail = (stored or "").partition(":")
    if not colon or code not in ERROR_WORDS:
        return stored or ""
    return ERROR_WORDS[code](detail)


ERROR_WORDS = {
    "unreachable": lambda detail: _(
        "The mail server could not be reached (%(error)s).", error=detail
    ),
    "credentials": lambda detail: _("The mail server refused the user name or password."),
    "recipient": lambda detail: _("The mail server refused the recipient address."),
    "header": lambda detail: _("The message has a line break in a header and was not sent."),
    "answered": lambda detail: _("The mail server answered: %(error)s", error=detail),
    "failed": lambda detail: _("The message could not be sent (%(error)s).", error=detail),
}


def plain_error(exc: Exception) -> str:
    """An SMTP failure said in plain words, in the active language."""
    return describe_error(stored_error(exc))


def server_down(exc: Exception) -> bool:
    """The mail server could not be reached at all: every other message would fail too."""
    if isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    # SMTPException is an OSError too: an answer from the server is not a connection failure.
    return isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException)


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
    except SEND_ERRORS as exc:
        return str(plain_error(exc))
    return None
