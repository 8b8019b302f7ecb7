"""Support in the dashboard: ticket list with filters, a ticket's page, tickets on behalf."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from app.blueprints.admin import bp
from app.blueprints.admin.choose import customer_chooser
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import customer_tab, get_customer
from app.blueprints.posting import saved_form
from app.blueprints.uploads import attachment_response, reencoding, uploaded_files
from app.extensions import db
from app.forms.tickets import ReplyForm, StaffTicketForm, TicketMetaForm
from app.htmx import form_status, render
from app.models import (
    Contact,
    Ticket,
    TicketAttachment,
    TicketReply,
)
from app.parsing import parse_id
from app.services.lists import paginate
from app.services.scope import scope_of
from app.services.staff import active_staff
from app.services.tickets.queries import TicketFilters, tickets_query
from app.services.tickets.queries import customer_tickets as customer_tickets_of
from app.services.tickets.service import all_departments, open_ticket, staff_reply, update_ticket


@bp.get("/tickets")
def ticket_list():
    filters = TicketFilters.from_args(request.args)
    page = paginate(tickets_query(filters, scope_of(current_user)), request.args, "tickets")
    return render("admin/tickets/list.html", block="results", page=page, filters=filters,
                  departments=all_departments(), staff=active_staff())  # fmt: skip


@bp.get("/customers/<int:customer_id>/tickets")
def customer_tickets(customer_id: int):
    return customer_tab(
        customer_id, "tickets", lambda of, scope: {"tickets": customer_tickets_of(of, scope)}
    )


@bp.get("/tickets/new")
def ticket_choose():
    """Quick create → Ticket: find the customer first."""
    return customer_chooser("ticket")


def _to_ticket(ticket: Ticket) -> str:
    return url_for("admin.ticket_detail", ticket_id=ticket.id)


@bp.route("/customers/<int:customer_id>/tickets/new", methods=["GET", "POST"])
def ticket_create(customer_id: int):
    customer = get_customer(customer_id)
    form = StaffTicketForm(all_departments())
    form.contact.choices = [SelectChoice(str(c.id), f"{c.full_name} <{c.email}>")
                            for c in customer.contacts if c.active]  # fmt: skip

    def open_it():
        contact = db.session.get(Contact, parse_id(form.contact.data) or 0)
        return open_ticket(customer, contact, form.subject.data, form.body.data,
                           parse_id(form.department.data), form.priority.data, uploaded_files(),
                           opened_by=current_user._get_current_object())  # fmt: skip

    done = saved_form(form, open_it,
                      lambda ticket: _("Ticket #%(number)d opened.", number=ticket.id),
                      reencoding(_to_ticket))  # fmt: skip
    return done or render("admin/tickets/new.html", status=form_status(form), form=form,
                          **customer_header(customer))  # fmt: skip


def _ticket_page(ticket, form, meta_form, status=200):
    return render("admin/tickets/detail.html", status=status, ticket=ticket, form=form,
                  meta_form=meta_form)  # fmt: skip


def _meta_form(ticket, formdata=None):
    form = TicketMetaForm(all_departments(), active_staff(), formdata=formdata)
    if formdata is None:
        form.status.data, form.priority.data = ticket.status, ticket.priority
        form.department.data = str(ticket.department_id or "")
        form.assigned_to.data = str(ticket.assigned_to_id or "")
    return form


@bp.route("/tickets/<int:ticket_id>", methods=["GET", "POST"])
def ticket_detail(ticket_id: int):
    ticket = db.get_or_404(Ticket, ticket_id)
    form = ReplyForm()

    def reply():
        staff_reply(ticket, current_user._get_current_object(), form.body.data,
                    uploaded_files(), internal=form.internal.data)  # fmt: skip
        return ticket

    message = _("Note saved.") if form.internal.data else _("Reply sent.")
    return saved_form(form, reply, message, reencoding(_to_ticket)) or _ticket_page(
        ticket, form, _meta_form(ticket), form_status(form)
    )


@bp.post("/tickets/<int:ticket_id>/update")
def ticket_update(ticket_id: int):
    ticket = db.get_or_404(Ticket, ticket_id)
    meta = _meta_form(ticket, formdata=request.form)

    def update():
        update_ticket(ticket, meta.status.data, meta.priority.data,
                      parse_id(meta.department.data), parse_id(meta.assigned_to.data))  # fmt: skip
        return ticket

    return saved_form(meta, update, _("Ticket updated."), _to_ticket) or _ticket_page(
        ticket, ReplyForm(formdata=None), meta, 422
    )


@bp.get("/tickets/<int:ticket_id>/attachments/<int:attachment_id>")
def ticket_attachment(ticket_id: int, attachment_id: int):
    attachment = db.session.scalar(
        select(TicketAttachment).join(TicketReply)
        .where(TicketAttachment.id == attachment_id, TicketReply.ticket_id == ticket_id)
    )  # fmt: skip
    if attachment is None:
        abort(404)
    return attachment_response(attachment)
