"""Support in the dashboard: ticket list with filters, a ticket's page, tickets on behalf."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.choose import customer_chooser
from app.blueprints.admin.custom_form import custom_form, fill_custom
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import customer_tab, get_customer
from app.blueprints.posting import reload_goes_to, saved_form
from app.blueprints.uploads import attachment_response, uploaded_files
from app.forms.tickets import ReplyForm, StaffTicketForm, TicketMetaForm
from app.htmx import form_status, render
from app.models import Ticket
from app.parsing import parse_id
from app.services.custom_fields.filters import list_context, list_fields
from app.services.custom_fields.records import saved_with_custom
from app.services.custom_fields.values import shown_values
from app.services.languages import screen
from app.services.lists import paginate
from app.services.scope import scope_of
from app.services.staff import active_staff
from app.services.tickets.departments import all_departments
from app.services.tickets.queries import TicketFilters, find_ticket_attachment, tickets_query
from app.services.tickets.queries import customer_tickets as customer_tickets_of
from app.services.tickets.service import open_ticket, staff_reply, update_ticket


@bp.get("/tickets")
def ticket_list():
    fields = list_fields("ticket")
    filters = TicketFilters.from_args(request.args, fields, screen())
    page = paginate(tickets_query(filters, scope_of(current_user)), request.args, "tickets")
    custom = list_context(fields, filters, [t.id for t in page.items], "ticket")
    return render("admin/tickets/list.html", block="results", page=page, filters=filters,
                  departments=all_departments(), staff=active_staff(), **custom)  # fmt: skip


@bp.get("/customers/<int:customer_id>/tickets")
def customer_tickets(customer_id: int):
    return customer_tab(customer_id, "tickets", customer_tickets_of)


@bp.get("/tickets/new")
def ticket_choose():
    """Quick create → Ticket: find the customer first."""
    return customer_chooser("ticket")


def _to_ticket(ticket: Ticket) -> str:
    return url_for("admin.ticket_detail", ticket_id=ticket.id)


@bp.route("/customers/<int:customer_id>/tickets/new", methods=["GET", "POST"])
def ticket_create(customer_id: int):
    customer = get_customer(customer_id)
    contacts = {c.id: c for c in customer.contacts if c.active}
    form = custom_form(StaffTicketForm, "ticket")(all_departments(), contacts.values())

    def open_it():
        contact = contacts[form.contact.data]
        return saved_with_custom("ticket", form.data, lambda: open_ticket(
            customer, contact, form.subject.data, form.body.data, parse_id(form.department.data),
            form.priority.data, uploaded_files(), opened_by=current_user._get_current_object(),
        ))  # fmt: skip

    done = saved_form(form, open_it,
                      lambda ticket: _("Ticket #%(number)d opened.", number=ticket.id),
                      _to_ticket)  # fmt: skip
    return done or render("admin/tickets/new.html", status=form_status(form), form=form,
                          **customer_header(customer))  # fmt: skip


def _ticket_page(ticket, form, meta_form, status=200):
    return render("admin/tickets/detail.html", status=status, ticket=ticket, form=form,
                  meta_form=meta_form,
                  custom_values=shown_values("ticket", ticket.id, screen(), None))  # fmt: skip


def _meta_form(ticket, formdata=None):
    form = custom_form(TicketMetaForm, "ticket")(all_departments(), active_staff(),
                                                 formdata=formdata)  # fmt: skip
    if formdata is None:
        fill_custom(form, "ticket", ticket.id)
        form.status.data, form.priority.data = ticket.status, ticket.priority
        form.department.data = str(ticket.department_id or "")
        form.assigned_to.data = str(ticket.assigned_to_id or "")
    return form


@bp.route("/tickets/<int:ticket_id>", methods=["GET", "POST"])
def ticket_detail(ticket_id: int):
    ticket = scope_of(current_user).get_or_404(Ticket, ticket_id)
    form = ReplyForm()

    def reply():
        staff_reply(ticket, current_user._get_current_object(), form.body.data,
                    uploaded_files(), internal=form.internal.data)  # fmt: skip
        return ticket

    message = _("Note saved.") if form.internal.data else _("Reply sent.")
    return saved_form(form, reply, message, _to_ticket) or _ticket_page(
        ticket, form, _meta_form(ticket), form_status(form)
    )


@bp.route("/tickets/<int:ticket_id>/update", methods=["GET", "POST"])
@reload_goes_to(lambda ticket_id: url_for("admin.ticket_detail", ticket_id=ticket_id))
def ticket_update(ticket_id: int):
    ticket = scope_of(current_user).get_or_404(Ticket, ticket_id)
    meta = _meta_form(ticket, formdata=request.form)

    def update():
        update_ticket(ticket, meta.status.data, meta.priority.data,
                      parse_id(meta.department.data), parse_id(meta.assigned_to.data))  # fmt: skip
        return ticket

    update_all = lambda: saved_with_custom("ticket", meta.data, update)  # noqa: E731

    return saved_form(meta, update_all, _("Ticket updated."), _to_ticket) or _ticket_page(
        ticket, ReplyForm(formdata=None), meta, 422
    )


@bp.get("/tickets/<int:ticket_id>/attachments/<int:attachment_id>")
def ticket_attachment(ticket_id: int, attachment_id: int):
    attachment = find_ticket_attachment(ticket_id, attachment_id, scope_of(current_user))
    return attachment_response(attachment or abort(404))
