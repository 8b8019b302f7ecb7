"""Messages of our own (not editable by staff), rendered from .txt + .html template files."""

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup

from app.services.branding import company_name
from app.services.mail.outbox import queue_email
from app.services.settings import get_settings


def queue_templated(to: str, subject, template: str, locale: str, **context) -> None:
    """Render email/<template>.txt and .html in `locale` (the HTML inside the company's email
    layout, `company` given to both) and put the message in the outbox."""
    settings = get_settings()
    context = {"company": company_name(settings), **context}
    with force_locale(locale):
        text = render_template(f"email/{template}.txt", **context)
        body = Markup(render_template(f"email/{template}.html", **context))  # noqa: S704 (autoescaped template)
        html = render_template("email/layout.html", body=body, settings=settings,
                               company=context["company"], language=locale)  # fmt: skip
        subject = str(subject)
    queue_email(to, subject, html, text, kind=template)
