"""Support in the portal: the customer's tickets, opening one, replying, closing."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin.custom_form import custom_form
from app.blueprints.portal import bp, module_required
from app.blueprints.posting import run_action, saved_form
from app.blueprints.uploads import attachment_response, uploaded_files
from app.forms.tickets import ReplyForm, TicketForm
from app.htmx import form_status, render
from app.models import Ticket
from app.parsing import parse_id
from app.services.custom_fields.records import saved_with_custom
from app.services.custom_fields.values import shown_values
from app.services.kb.queries import suggested_articles
from app.services.languages import customer_language, screen
from app.services.lists import paginate
from app.services.scope import scope_of
from app.services.tickets.departments import all_departments
from app.services.tickets.queries import find_ticket_attachment, portal_tickets
from app.services.tickets.service import (
    close_by_contact,
    contact_reply,
    open_ticket,
    visible_replies,
)
from app.throttle import throttle_support_posts

support_posts = throttle_support_posts()  # one count for new tickets and replies


def own_ticket(ticket_id: int) -> Ticket:
    """A ticket of the signed-in contact's customer, or 404."""
    return scope_of(current_user).get_or_404(Ticket, ticket_id)


@bp.get("/tickets")
@module_required("support")
def ticket_list():
    page = paginate(portal_tickets(scope_of(current_user)), request.args, "portal")
    return render("portal/tickets/list.html", block="results", page=page)


def _to_ticket(ticket: Ticket) -> str:
    return url_for("portal.ticket_detail", ticket_id=ticket.id)


@bp.route("/tickets/new", methods=["GET", "POST"])
@module_required("support")
@support_posts
def ticket_create():
    form = custom_form(TicketForm, "ticket", "in_portal")(all_departments())  # staff's stay out
    contact = current_user._get_current_object()

    def open_it():
        return saved_with_custom("ticket", form.data, lambda: open_ticket(
            contact.customer, contact, form.subject.data, form.body.data,
            parse_id(form.department.data), form.priority.data, uploaded_files(),
        ))  # fmt: skip

    message = _("Your ticket is open. We will answer soon.")
    done = saved_form(form, open_it, message, _to_ticket)
    subject = form.subject.data if form.is_submitted() else request.args.get("subject")
    suggestions = suggested_articles(customer_language(contact.customer), subject)
    return done or render("portal/tickets/new.html", block="suggestions",
                          status=form_status(form), form=form, suggestions=suggestions)  # fmt: skip


@bp.route("/tickets/<int:ticket_id>", methods=["GET", "POST"])
@module_required("support")
@support_posts
def ticket_detail(ticket_id: int):
    ticket = own_ticket(ticket_id)
    form = ReplyForm()
    del form.internal  # contacts never write internal notes

    def reply():
        contact_reply(ticket, current_user._get_current_object(), form.body.data,
                      uploaded_files())  # fmt: skip
        return ticket

    done = saved_form(form, reply, _("Your reply is sent."), _to_ticket)
    return done or render("portal/tickets/detail.html", status=form_status(form), ticket=ticket,
                          form=form, replies=visible_replies(ticket),
                          custom_values=shown_values("ticket", ticket.id, screen(),
                                                     "in_portal"))  # fmt: skip


@bp.post("/tickets/<int:ticket_id>/close")
@module_required("support")
def ticket_close(ticket_id: int):
    ticket = own_ticket(ticket_id)
    message = _("The ticket is closed. Reply to open it again.")
    return run_action(lambda: close_by_contact(ticket), message, _to_ticket(ticket))


@bp.get("/tickets/<int:ticket_id>/attachments/<int:attachment_id>")
@module_required("support")
def ticket_attachment(ticket_id: int, attachment_id: int):
    attachment = find_ticket_attachment(ticket_id, attachment_id, scope_of(current_user))
    return attachment_response(attachment or abort(404))
