"""Opening tickets, replying, changing status, priority, department and assignee."""

from flask_babel import gettext as _

from app.after_commit import run_after_commit
from app.extensions import db
from app.models import (
    TICKET_PRIORITIES,
    TICKET_STATUSES,
    Contact,
    Customer,
    Department,
    Ticket,
    TicketAttachment,
    TicketReply,
    User,
)
from app.models.types import utcnow
from app.services import Collector, ValidationError
from app.services.tickets.attachments import (
    MAX_FILES,
    CheckedFile,
    check_request_pixels,
    check_upload,
)
from app.services.tickets.notify import notify_contact_of_reply, notify_staff

SUBJECT_MAX = 200
BODY_MAX = 20_000


def check_files(files: list[tuple[str, bytes]]) -> list[CheckedFile]:
    """Check every uploaded (name, bytes); raise on the first bad one."""
    files = [(name, data) for name, data in files if name or data]
    if len(files) > MAX_FILES:
        raise ValidationError(_("Attach at most %(n)d files.", n=MAX_FILES), "attachments")
    checked = [check_upload(name, data) for name, data in files]
    check_request_pixels(checked)
    return checked


def _clean(subject: str | None, body: str, files, errors: Collector):
    body = errors.text("body", body, BODY_MAX, _("Write your message."), multiline=True)
    if subject is not None:
        subject = errors.text("subject", subject, SUBJECT_MAX, _("Enter a subject."))
    checked = errors.check(check_files, files, field="attachments") or []
    return subject, body, checked


def _add_reply(
    ticket: Ticket, body: str, files: list[CheckedFile], *, contact=None, user=None, internal=False
) -> TicketReply:
    reply = TicketReply(ticket=ticket, body=body, contact=contact, user=user, internal=internal)
    for checked in files:
        reply.attachments.append(TicketAttachment(
            filename=checked.filename, content_type=checked.content_type,
            size=len(checked.content), content=checked.content, pending=checked.pending,
        ))  # fmt: skip
    db.session.add(reply)
    db.session.flush()
    for attachment in reply.attachments:
        if attachment.pending:  # served only once the worker has re-encoded it
            run_after_commit("reencode_attachment", attachment.id)
    if not internal:  # a note must not tell the contact that something happened
        ticket.last_activity_at = utcnow()
    return reply


def _department(department_id: int | None, errors: Collector) -> Department | None:
    department = db.session.get(Department, department_id) if department_id else None
    if department_id and department is None:
        errors.add("department", _("Choose a department from the list."))
    return department


def open_ticket(
    customer: Customer,
    contact: Contact,
    subject: str,
    body: str,
    department_id: int | None,
    priority: str,
    files: list[tuple[str, bytes]],
    opened_by: User | None = None,
) -> Ticket:
    """A contact opens a ticket (or staff on its behalf); staff and the contact are told."""
    errors = Collector()
    if contact.customer_id != customer.id:
        errors.add("contact", _("Choose a contact of this customer."))
    if priority not in TICKET_PRIORITIES:
        errors.add("priority", _("Choose a priority from the list."))
    department = _department(department_id, errors)
    subject, body, checked = _clean(subject, body, files, errors)
    errors.raise_if_any()
    ticket = Ticket(customer=customer, contact=contact, subject=subject, priority=priority,
                    department=department, opened_by_id=opened_by.id if opened_by else None,
                    status="open")  # fmt: skip
    db.session.add(ticket)
    reply = _add_reply(ticket, body, checked, contact=None if opened_by else contact,
                       user=opened_by)  # fmt: skip
    db.session.flush()
    notify_staff(ticket, reply, "ticket_opened_staff")
    notify_contact_of_reply(ticket, None, "ticket_opened_contact")
    return ticket


def contact_reply(
    ticket: Ticket, contact: Contact, body: str, files: list[tuple[str, bytes]]
) -> TicketReply:
    """The contact answers: the ticket is open again and staff are told."""
    errors = Collector()
    _subject, body, checked = _clean(None, body, files, errors)
    errors.raise_if_any()
    reply = _add_reply(ticket, body, checked, contact=contact)
    ticket.status = "open"
    db.session.flush()
    notify_staff(ticket, reply, "ticket_reply_staff")
    return reply


def staff_reply(
    ticket: Ticket, user: User, body: str, files: list[tuple[str, bytes]], internal: bool = False
) -> TicketReply:
    """Staff answer (the contact is told) or write an internal note (the contact never sees)."""
    errors = Collector()
    _subject, body, checked = _clean(None, body, files, errors)
    errors.raise_if_any()
    reply = _add_reply(ticket, body, checked, user=user, internal=internal)
    if not internal:
        ticket.status = "answered"
    db.session.flush()
    if not internal:
        notify_contact_of_reply(ticket, reply, "ticket_reply_contact")
    return reply


def update_ticket(
    ticket: Ticket, status: str, priority: str, department_id: int | None, assignee_id: int | None
) -> None:
    """Staff change a ticket's status, priority, department and assignee."""
    errors = Collector()
    if status not in TICKET_STATUSES:
        errors.add("status", _("Choose a status from the list."))
    if priority not in TICKET_PRIORITIES:
        errors.add("priority", _("Choose a priority from the list."))
    department = _department(department_id, errors)
    assignee = db.session.get(User, assignee_id) if assignee_id else None
    if assignee_id and (assignee is None or not assignee.active):
        errors.add("assigned_to", _("Choose a staff member from the list."))
    errors.raise_if_any()
    ticket.status, ticket.priority = status, priority
    ticket.department, ticket.assigned_to = department, assignee
    db.session.flush()


def close_by_contact(ticket: Ticket) -> None:
    ticket.status = "closed"
    ticket.last_activity_at = utcnow()
    db.session.flush()


def visible_replies(ticket: Ticket) -> list[TicketReply]:
    """The thread as the contact sees it: no internal notes."""
    return [reply for reply in ticket.replies if not reply.internal]
