"""Sending mail rendered from template pairs (.txt + .html) in the recipient's language."""

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mail import Message

from app.extensions import mail


def send_templated(to: str, subject: str, template: str, locale: str, **context) -> None:
    """Render email/<template>.txt and .html in `locale` and send them as one message."""
    with force_locale(locale):
        text = render_template(f"email/{template}.txt", **context)
        html = render_template(f"email/{template}.html", **context)
        subject = str(subject)
    message = Message(subject=subject, recipients=[to], body=text, html=html)
    mail.send(message)
    current_app.logger.info("mail %s sent to %s", template, to)
