"""Who hears of a ticket: the contact (in its customer's language) and the right staff."""

from app.links import external_url
from app.models import Ticket, TicketReply, User
from app.services.mail.contacts import queue_contact_email
from app.services.mail.staff import active_admins, email_staff
from app.services.scope import scope_of
from app.text import plain_text


def staff_to_notify(ticket: Ticket) -> list[User]:
    """The assignee; else the department's staff who may see the ticket (a "view own" member
    hears only of their customers' tickets); else every administrator."""
    if ticket.assigned_to is not None and ticket.assigned_to.active:
        return [ticket.assigned_to]
    if ticket.department is not None:
        members = [m for m in ticket.department.members
                   if m.active and scope_of(m).get(Ticket, ticket.id) is not None]  # fmt: skip
        if members:
            return members
    return active_admins()


def notify_staff(ticket: Ticket, reply: TicketReply, key: str) -> None:
    """Tell staff of a new ticket or a contact's reply, each in their own language."""
    users = [user for user in staff_to_notify(ticket) if user.id != reply.user_id]
    email_staff(users, key, {
        "client_company": ticket.customer.company,
        "ticket_number": ticket.id,
        "ticket_subject": ticket.subject,
        "ticket_reply": plain_text(reply.body),
        "ticket_admin_url": external_url("admin.ticket_detail", ticket_id=ticket.id),
    }, ticket.customer_id)  # fmt: skip


def notify_contact_of_reply(ticket: Ticket, reply: TicketReply | None, key: str) -> None:
    """Tell the ticket's contact (if still active and not opted out of support emails) of staff's
    reply or of the new ticket."""
    contact = ticket.contact
    if contact is None or not contact.is_active or not contact.receives("support"):
        return
    queue_contact_email(
        contact, key, ticket_number=ticket.id, ticket_subject=ticket.subject,
        ticket_reply=plain_text(reply.body) if reply else "",
        ticket_url=external_url("portal.ticket_detail", ticket_id=ticket.id),
    )  # fmt: skip
