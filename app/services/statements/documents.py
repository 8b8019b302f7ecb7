"""A statement as a PDF (the pipeline of app/services/pdf.py) and as an email to the
customer's contacts, PDF attached, through the outbox."""

from datetime import date

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from app.extensions import db
from app.i18n import money
from app.links import external_url
from app.models import Customer, OutboxAttachment, User
from app.services.customers.activity import log_activity
from app.services.customers.email_preferences import receiving
from app.services.languages import statement_language
from app.services.mail.contacts import queue_contact_email
from app.services.pdf import html_to_pdf, render_page
from app.services.statements.service import Statement, customer_statement


def statement_pdf(customer: Customer, statement: Statement, language: str) -> bytes:
    """The statement's PDF in `language`."""
    return html_to_pdf(
        render_page("pdf/statement.html", language, customer=customer, statement=statement)
    )


def statement_filename(customer: Customer, statement: Statement) -> str:
    """statement-42-2026-01-01-2026-12-02.pdf (the customer's id: names may hold anything)."""
    return f"statement-{customer.id}-{statement.start}-{statement.end}.pdf"


def statement_recipients(customer: Customer) -> list:
    """The customer's active contacts who may open invoices in the portal and still receive
    statements."""
    contacts = [c for c in customer.contacts if c.is_active and c.may_use("invoices")]
    return receiving(contacts, "statements")


def send_statement(customer: Customer, start: date, end: date, user: User | None = None) -> int:
    """Email the statement of the period, its PDF attached, in the customer's language, to the
    contacts who receive statements; how many were emailed (0: nobody may receive it)."""
    contacts = statement_recipients(customer)
    if not contacts:
        return 0
    statement = customer_statement(customer.id, start, end)
    language = statement_language(customer, from_portal=True)
    pdf = statement_pdf(customer, statement, language)
    with force_locale(language):
        period = _("%(start)s to %(end)s", start=format_date(start, "medium"),
                   end=format_date(end, "medium"))  # fmt: skip
        balance = ", ".join(money(s.closing, s.currency) for s in statement.currencies)
    dates = {"from": start.isoformat(), "to": end.isoformat()}
    url = external_url("portal.statement_show", **dates)
    sent = 0
    for contact in contacts:
        message = queue_contact_email(contact, "statement", language=language,
                                      statement_period=period, statement_balance=balance or "0",
                                      statement_url=url)  # fmt: skip
        if message is not None:
            db.session.add(OutboxAttachment(
                message_id=message.id, filename=statement_filename(customer, statement),
                content_type="application/pdf", content=pdf,
            ))  # fmt: skip
            sent += 1
    if sent:
        log_activity(customer, user, "statement.sent", subject=f"{start} – {end}")
    return sent
