"""The four email preference switches of a contact (staff contact form, portal profile)."""

from flask_wtf import FlaskForm
from wtforms import BooleanField

from app.labels.options import EMAIL_TOPIC_HELP, EMAIL_TOPIC_LABELS


def _preference(topic: str) -> BooleanField:
    """One topic's switch, named and explained, on by default."""
    return BooleanField(
        EMAIL_TOPIC_LABELS[topic], default=True, description=EMAIL_TOPIC_HELP[topic]
    )


class EmailPreferenceFields:
    """Invoices and reminders, statements, support, projects: on by default."""

    email_invoices = _preference("invoices")
    email_statements = _preference("statements")
    email_support = _preference("support")
    email_projects = _preference("projects")


class EmailPreferencesForm(EmailPreferenceFields, FlaskForm):
    """The portal profile's "Emails I receive"."""
