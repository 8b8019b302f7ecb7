"""What the worker does. Every task is idempotent: run twice, or again after a crash, it does
its work once (the outbox claims each row; reminders mark each contract)."""

from collections.abc import Callable

from huey import crontab

from app.extensions import db
from app.services.attempts import prune_attempts
from app.services.contact_auth import request_contact_reset
from app.services.contracts.reminders import queue_reminders
from app.services.custom_fields.reindex import reindex_customers as reindex_many
from app.services.custom_fields.reindex import reindex_field
from app.services.imports.runs import check_import, resume_stale, run_import_job
from app.services.mail.outbox import deliver, send_due
from app.services.recurring.run import run_due
from app.services.reminders.sending import send_due_reminders
from app.services.sales.pdf import store_pdfs
from app.services.sales.reminders import send_payment_reminders
from app.services.staff import request_password_reset
from app.services.tickets.attachments import reencode_pending_attachment, sweep_pending_attachments

TASKS: dict[str, Callable] = {}
PERIODIC: dict[str, tuple[Callable, Callable]] = {}
RESET_SURFACES = {"staff": request_password_reset, "portal": request_contact_reset}


def task(function: Callable) -> Callable:
    """Register a task under its function's name."""
    TASKS[function.__name__] = function
    return function


def periodic(schedule: Callable):
    """Register a task the scheduler runs on `schedule` (a huey crontab)."""

    def register(function: Callable) -> Callable:
        PERIODIC[function.__name__] = (schedule, function)
        return function

    return register


@task
def deliver_message(message_id: int) -> None:
    """Send one outbox row, unless it is sent already or another worker holds it."""
    deliver(message_id)


@task
def password_reset_request(surface: str, email: str, language: str | None = None) -> None:
    """Look the address up here, not in the request, and queue a reset link if it may have one
    (`language`: the page's it was asked from; jobs queued without it still run)."""
    RESET_SURFACES[surface](email, language)
    db.session.commit()


@task
def reindex_custom_field(field_id: int) -> None:
    """A searchable custom field changed: its customers' search terms again."""
    reindex_field(field_id)


@task
def reindex_customers(customer_ids: list[int]) -> None:
    """These customers' search terms again (a searchable custom field was deleted)."""
    reindex_many(customer_ids)


@task
def check_import_rows(import_id: int) -> None:
    """An import's dry run: its counts and refused rows, nothing else written."""
    check_import(import_id)


@task
def run_import(import_id: int) -> None:
    """Import the rows an import has not done yet, 500 a transaction (a second run, or two
    workers at once, import each row once: each chunk moves rows_done conditionally)."""
    run_import_job(import_id)


@periodic(crontab(minute="*"))
def resume_imports() -> None:
    """Every minute: enqueue again the imports whose worker stopped mid-way."""
    resume_stale()


@task
def reencode_attachment(attachment_id: int) -> None:
    """Re-encode one uploaded image so that it can be served (a second run does nothing)."""
    reencode_pending_attachment(attachment_id)


@periodic(crontab(minute="*"))
def sweep_attachments() -> None:
    """Every minute: re-encode images whose job was lost (the queue was down, a worker died)."""
    sweep_pending_attachments()


@task
def store_document_pdfs(document_id: int) -> None:
    """Render and keep a document's PDFs, a draft's too, before anyone asks for them (a second run
    finds them kept and renders nothing; one lost or killed midway costs the next download a
    render; a document gone since, nothing)."""
    store_pdfs(document_id)


@periodic(crontab(minute="*"))
def sweep_outbox() -> None:
    """Every minute: retry failed messages that are due and send rows whose job was lost."""
    send_due()


@periodic(crontab(minute="5"))
def contract_reminders() -> None:
    """Hourly (so a worker down at one hour misses nothing): remind staff of contracts ending."""
    queue_reminders()
    db.session.commit()


@periodic(crontab(minute="*"))
def staff_reminders() -> None:
    """Every minute: email the staff reminders that fell due, each once whatever runs overlap
    (app/services/reminders/sending.py)."""
    send_due_reminders()


@periodic(crontab(minute="25"))
def payment_reminders() -> None:
    """Hourly, after the recurring invoices (a worker down at one hour misses nothing; each stage
    goes once): email the contacts of invoices whose payment reminder is due today."""
    send_payment_reminders()


@periodic(crontab(minute="35"))
def forget_old_attempts() -> None:
    """Hourly: drop failed sign-in counters whose window has ended."""
    prune_attempts()
    db.session.commit()


@periodic(crontab(minute="15"))
def recurring_invoices() -> None:
    """Hourly (a worker down at midnight misses no day): make the recurring invoices due; each
    is made once, whatever runs overlap (app/services/recurring/run.py)."""
    run_due()
