"""Payment reminders: the daily job emails the contacts of each late (or soon due) invoice once
per stage, its PDF attached, through the outbox.

Each invoice is handled in its own transaction: the invoice is taken first (a write on SQLite,
`FOR UPDATE` on PostgreSQL, as a payment takes it), then the `payment_reminders` row and the
emails are written together; UNIQUE(invoice_id, stage) refuses a second row, so two runs at once
or a run started again after a crash never send a stage twice."""

import logging
from collections import defaultdict
from datetime import date, timedelta

from flask_babel import force_locale, format_date
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.i18n import money
from app.links import external_url
from app.models import Customer, Document, OutboxAttachment, OutboxMessage, PaymentReminder
from app.services.customers.email_preferences import receiving
from app.services.languages import sending_email_language
from app.services.mail.contacts import queue_contact_email
from app.services.sales.actions import recipients
from app.services.sales.pdf import document_pdf, pdf_filename
from app.services.sales.reminder_schedule import (
    Scheduled,
    company_today,
    next_scheduled,
    offsets,
    stage_due,
)
from app.services.sales.status import UNPAID
from app.services.settings import get_settings

logger = logging.getLogger(__name__)


def remindable(invoice: Document) -> bool:
    """An issued invoice still to be paid (not paid, cancelled, credited to zero or a draft),
    with a due date, of a customer that gets reminders."""
    return (
        invoice.kind == "invoice"
        and invoice.status in UNPAID
        and invoice.due_date is not None
        and invoice.amount_due > 0
        and invoice.customer.payment_reminders
    )


def _candidates(today: date, stages: dict[str, int]):
    """SQL: the invoices that may have a stage due today (the exact rule is stage_due)."""
    return (
        Document.kind == "invoice",
        Document.status.in_(UNPAID),
        Document.total > Document.amount_paid,
        Document.due_date <= today - timedelta(days=min(stages.values())),
        Customer.payment_reminders.is_(True),
    )


def due_today(today: date, stages: dict[str, int]) -> list[int]:
    """The invoices with a stage due today and not sent yet, read without taking any (an invoice
    whose reminders are all sent is not locked every hour)."""
    where = _candidates(today, stages)
    invoices = db.session.execute(
        select(Document.id, Document.issue_date, Document.due_date)
        .join(Customer, Customer.id == Document.customer_id).where(*where)
        .order_by(Document.due_date, Document.id)
    ).all()  # fmt: skip
    sent = defaultdict(set)
    for invoice_id, stage in db.session.execute(
        select(PaymentReminder.invoice_id, PaymentReminder.stage)
        .join(Document, Document.id == PaymentReminder.invoice_id)
        .join(Customer, Customer.id == Document.customer_id).where(*where)
    ):  # fmt: skip
        sent[invoice_id].add(stage)
    return [
        row.id
        for row in invoices
        if (stage := stage_due(row, today, stages)) and stage not in sent[row.id]
    ]


def send_payment_reminders(today: date | None = None) -> int:
    """Queue the reminders due `today` (the company's today by default), one transaction per
    invoice; how many invoices were reminded."""
    settings = get_settings()
    stages = offsets(settings)
    if not stages:
        return 0
    today = today or company_today(settings=settings)
    invoice_ids = due_today(today, stages)
    db.session.rollback()  # end this read: each invoice is then taken by a write first
    reminded = 0
    for invoice_id in invoice_ids:
        try:
            reminded += remind(invoice_id, today, stages)
            db.session.commit()
        except IntegrityError:
            db.session.rollback()  # another run has just sent this stage
        except Exception:
            db.session.rollback()
            logger.exception("payment reminder for invoice %s failed", invoice_id)
    return reminded


def _take(invoice_id: int) -> Document | None:
    """The invoice, locked for this transaction and read as committed (see finality.py)."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            update(Document).where(Document.id == invoice_id)
            .values(status=Document.status).execution_options(synchronize_session=False)
        )  # fmt: skip
    return db.session.get(Document, invoice_id, with_for_update=True, populate_existing=True)


def remind(invoice_id: int, today: date, stages: dict[str, int]) -> bool:
    """Record and queue the stage due today for one invoice, if not sent yet; whether anyone
    was emailed (a stage with nobody to receive it is recorded with no recipient)."""
    invoice = _take(invoice_id)
    if invoice is None or not remindable(invoice):
        return False
    stage = stage_due(invoice, today, stages)
    if stage is None or stage in sent_stages(invoice.id):
        return False
    reminder = PaymentReminder(invoice_id=invoice.id, stage=stage)
    db.session.add(reminder)
    db.session.flush()  # a second run's row stops here (IntegrityError)
    messages = _queue(invoice, stage, (today - invoice.due_date).days)
    reminder.recipients = len(messages)
    reminder.outbox_message_id = messages[0].id if messages else None
    db.session.flush()
    return bool(messages)


def _queue(invoice: Document, stage: str, days_late: int) -> list[OutboxMessage]:
    """One email per contact who may open invoices and has not opted out, PDF attached."""
    contacts = receiving(recipients(invoice), "invoices")
    if not contacts:
        return []
    language = sending_email_language(invoice)
    with force_locale(language):
        values = {
            "invoice_number": invoice.number,
            "invoice_total": money(invoice.total, invoice.currency_code),
            "invoice_amount_due": money(invoice.amount_due, invoice.currency_code),
            "invoice_due_date": format_date(invoice.due_date, "medium"),
            "invoice_url": external_url("portal.invoice_detail", document_id=invoice.id),
        }
    if stage == "before":
        key, values["invoice_days_left"] = "payment_reminder_before", str(-days_late)
    else:
        key, values["invoice_days_overdue"] = "payment_reminder_after", str(days_late)
    pdf, messages = None, []
    for contact in contacts:
        message = queue_contact_email(contact, key, language=language, **values)
        if message is None:  # the template is switched off
            continue
        pdf = pdf or document_pdf(invoice, from_portal=True)  # the PDF the portal shows
        db.session.add(OutboxAttachment(message_id=message.id, filename=pdf_filename(invoice),
                                        content_type="application/pdf", content=pdf))  # fmt: skip
        messages.append(message)
    return messages


def sent_stages(invoice_id: int) -> set[str]:
    """The stages already recorded for this invoice."""
    rows = select(PaymentReminder.stage).where(PaymentReminder.invoice_id == invoice_id)
    return set(db.session.scalars(rows))


def reminders_of(invoice: Document) -> tuple[list[PaymentReminder], Scheduled | None]:
    """What the invoice page shows: the reminders recorded, and the next one scheduled."""
    rows = db.session.scalars(
        select(PaymentReminder).where(PaymentReminder.invoice_id == invoice.id)
        .order_by(PaymentReminder.sent_at, PaymentReminder.id)
    ).all()  # fmt: skip
    if not remindable(invoice):
        return list(rows), None
    today = company_today()
    upcoming = next_scheduled(invoice, today, {r.stage for r in rows}, offsets())
    return list(rows), upcoming
