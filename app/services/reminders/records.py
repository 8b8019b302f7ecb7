"""What a reminder is about, in words and as a link: its customer or one of its records."""

from app.labels.sales import document_number, kind_label
from app.models import Contract, Customer, Document, Reminder, Ticket


def record_of(reminder: Reminder):
    """The invoice, estimate, contract or ticket the reminder is on, else its customer."""
    return reminder.document or reminder.contract or reminder.ticket or reminder.customer


def record_page(record) -> tuple[str, dict]:
    """The endpoint and URL values of the record's page."""
    if isinstance(record, Document):
        return f"admin.{record.kind}_detail", {"document_id": record.id}
    if isinstance(record, Contract):
        return "admin.contract_detail", {"contract_id": record.id}
    if isinstance(record, Ticket):
        return "admin.ticket_detail", {"ticket_id": record.id}
    return "admin.customer_detail", {"customer_id": record.id}


def record_label(record) -> str:
    """'Invoice INV-0042 · Acme', 'Maintenance · Acme' (a contract), '#12 Printer · Acme' (a
    ticket), or the customer's name."""
    if isinstance(record, Customer):
        return record.company
    customer = record.customer.company
    if isinstance(record, Document):
        return f"{kind_label(record.kind)} {document_number(record)} · {customer}"
    if isinstance(record, Ticket):
        return f"#{record.id} {record.subject} · {customer}"
    return f"{record.subject} · {customer}"


def about(reminder: Reminder) -> tuple[str, dict]:
    return record_page(record_of(reminder))


def about_label(reminder: Reminder) -> str:
    return record_label(record_of(reminder))
