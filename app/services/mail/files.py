"""Messages of our own (not editable by staff), rendered from .txt + .html template files."""

from flask import render_template
from flask_babel import force_locale

from app.services.mail.outbox import queue_email


def queue_templated(to: str, subject, template: str, locale: str, **context) -> None:
    """Render email/<template>.txt and .html in `locale` and put the message in the outbox."""
    with force_locale(locale):
        text = render_template(f"email/{template}.txt", **context)
        html = render_template(f"email/{template}.html", **context)
        subject = str(subject)
    queue_email(to, subject, html, text, kind=template)
