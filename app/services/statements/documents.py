"""A statement as a PDF (the pipeline of app/services/pdf.py) and as an email to the
customer's contacts, PDF attached, through the outbox."""

from datetime import date, timedelta

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import exists, select, update

from app.extensions import db
from app.i18n import money
from app.links import external_url
from app.models import ActivityLog, Customer, OutboxAttachment, User
from app.models.types import utcnow
from app.services import ValidationError
from app.services.customers.activity import log_activity
from app.services.customers.email_preferences import receiving
from app.services.languages import statement_language
from app.services.mail.contacts import queue_contact_email
from app.services.pdf import page_pdf
from app.services.statements.service import Statement, customer_statement

RESEND_AFTER = timedelta(minutes=1)


def statement_pdf(customer: Customer, statement: Statement, language: str) -> bytes:
    """The statement's PDF in `language`."""
    return page_pdf("pdf/statement.html", language, customer=customer, statement=statement)


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
    contacts who receive statements; how many were emailed (0: nobody may receive it). The
    same period sent again within a minute (a double click, two tabs) is refused
    (ValidationError), even when both requests arrive at once."""
    subject = f"{start} – {end}"
    _lock_customer(customer)
    if _just_sent(customer, subject):
        raise ValidationError(_("This statement was emailed a moment ago: it is not sent twice."))
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
        log_activity(customer, user, "statement.sent", subject=subject)
    return sent


def _lock_customer(customer: Customer) -> None:
    """Take the customer for this transaction (sends of its statements happen one after the
    other): SQLite's first statement is a write, PostgreSQL locks the row."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            update(Customer).where(Customer.id == customer.id)
            .values(company=Customer.company).execution_options(synchronize_session=False)
        )  # fmt: skip
    else:
        db.session.execute(select(Customer.id).where(Customer.id == customer.id).with_for_update())


def _just_sent(customer: Customer, subject: str) -> bool:
    """This period's statement was emailed to the customer within the last minute."""
    since = utcnow() - RESEND_AFTER
    return bool(db.session.scalar(select(exists().where(
        ActivityLog.customer_id == customer.id, ActivityLog.action == "statement.sent",
        ActivityLog.subject == subject, ActivityLog.created_at >= since,
    ))))  # fmt: skip
