"""Customers: list, search, export, new, profile (edit), activation, delete, activity."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.custom_form import custom_form, fill_custom
from app.blueprints.admin.customer_form import (
    customer_choices,
    customer_form_page,
    field_check,
    saved_customer,
)
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.posting import confirmed_action, run_action
from app.exports import export_response
from app.forms.customers import CustomerForm, NewCustomerForm, VersionForm
from app.htmx import is_htmx, render
from app.models import Customer
from app.security import safe_next_path
from app.services.custom_fields.definitions import entity_fields
from app.services.custom_fields.filters import column_values, list_fields, list_labels
from app.services.customers.contacts_export import contacts_batches, contacts_header
from app.services.customers.export import export_batches, export_header
from app.services.customers.groups import group_choices
from app.services.customers.hooks import has_transactions
from app.services.customers.normalize import format_phone
from app.services.customers.queries import CustomerFilters, customer_page
from app.services.customers.related import customer_activity as customer_activity_of
from app.services.customers.related import primary_contacts
from app.services.customers.service import delete_customer, set_customer_active
from app.services.languages import screen
from app.services.lists import paginate
from app.services.scope import scope_of
from app.services.staff import staff_choices


def get_customer(customer_id: int) -> Customer:
    """The customer, when this staff member may see it, or 404."""
    return scope_of(current_user).get_or_404(Customer, customer_id)


def customer_tab(customer_id: int, tab: str, query, template: str = "", list_name="customer_tab",
                 extra=None, **context):  # fmt: skip
    """A tab of a customer's page listing its contacts, tickets, contracts…: `query(customer id,
    scope)` selects the rows this staff member may see, shown a page at a time (`extra(rows)`:
    more context read from the page's rows)."""
    customer = get_customer(customer_id)
    page = paginate(query(customer.id, scope_of(current_user)), request.args, list_name)
    return render(template or f"admin/customers/{tab}.html", block="results", page=page,
                  **customer_header(customer, tab), **(extra(page.items) if extra else {}),
                  **context)  # fmt: skip


def _filters(fields: list) -> CustomerFilters:
    """The list's filters from the URL, with the custom fields the list offers."""
    return CustomerFilters.from_args(request.args, me=current_user.id, fields=fields,
                                     locale=screen())  # fmt: skip


@bp.get("/customers")
def customer_list():
    fields = list_fields("customer")
    filters = _filters(fields)
    page = customer_page(filters, scope_of(current_user), request.args)
    ids = [c.id for c in page.items]
    response = render(
        "admin/customers/list.html",
        block="results",
        filters=filters,
        page=page,
        primaries=primary_contacts(ids),
        groups=group_choices(),
        staff=staff_choices(),
        custom_fields=list_labels(fields),
        custom_values=column_values(ids, filters.columns),
    )
    if is_htmx():  # the address bar shows the clean, bookmarkable state
        args = dict(filters.as_args(), **({"page": page.number} if page.number > 1 else {}))
        response.headers["HX-Push-Url"] = url_for("admin.customer_list", **args)
    return response


@bp.get("/customers/export.csv")
def customer_export():
    return _export("csv", "customers")


@bp.get("/customers/export.xlsx")
def customer_export_xlsx():
    return _export("xlsx", "customers")


@bp.get("/customers/contacts.csv")
def contact_export():
    return _export("csv", "contacts")


@bp.get("/customers/contacts.xlsx")
def contact_export_xlsx():
    return _export("xlsx", "contacts")


# What the customer list exports: the custom fields' entity, the header, the rows, the title.
EXPORTS = {"customers": ("customer", export_header, export_batches, _l("Customers")),
           "contacts": ("contact", contacts_header, contacts_batches, _l("Contacts"))}  # fmt: skip


def _export(kind: str, what: str):
    """Every customer the list's filters match (or every contact of theirs, one row each), as a
    CSV (the reader's convention) or XLSX."""
    entity, header, batches, title = EXPORTS[what]
    filters = _filters(list_fields("customer"))
    fields = entity_fields(entity)
    rows = batches(filters, scope_of(current_user), fields)
    return export_response(kind, what, header(fields), rows, str(title))


@bp.route("/customers/new", methods=["GET", "POST"])
def customer_create():
    form = custom_form(NewCustomerForm, "customer")(*customer_choices())
    if request.form.get("_validate"):
        return field_check(form, request.form["_validate"], None)

    def message(customer):
        return _("Customer %(company)s created.", company=customer.company)

    return saved_customer(form, None, message) or customer_form_page(form, None)


@bp.route("/customers/<int:customer_id>", methods=["GET", "POST"])
def customer_detail(customer_id: int):
    customer = get_customer(customer_id)
    form = custom_form(CustomerForm, "customer")(
        *customer_choices(customer), obj=None if request.method == "POST" else customer
    )
    if request.method == "GET":
        fill_custom(form, "customer", customer.id)
        form.admins.data = [u.id for u in customer.admins]
        form.currency.data = str(customer.currency_id or "")
        form.groups.data = [g.id for g in customer.groups]
        form.language.data = customer.language or ""
        form.skip_payment_reminders.data = not customer.payment_reminders
        form.version.data = customer.version
        form.phone.data = format_phone(customer.phone)
    if request.form.get("_validate"):
        return field_check(form, request.form["_validate"], customer)
    return saved_customer(form, customer, _("Changes saved.")) or customer_form_page(form, customer)


@bp.post("/customers/<int:customer_id>/active")
def customer_toggle_active(customer_id: int):
    customer = get_customer(customer_id)
    if not VersionForm().validate_on_submit():
        abort(400)
    fallback = url_for("admin.customer_detail", customer_id=customer.id)
    return run_action(
        lambda: set_customer_active(customer, request.form.get("active") == "1", current_user),
        lambda _done: _("Customer activated.") if customer.active else _("Customer deactivated."),
        safe_next_path(request.form.get("next"), fallback),
        htmx=lambda _done: render("admin/customers/list.html", block="active_switch",
                                  customer=customer),
    )  # fmt: skip


@bp.route("/customers/<int:customer_id>/delete", methods=["GET", "POST"])
def customer_delete(customer_id: int):
    """GET asks for confirmation (or says why it cannot be deleted); POST deletes it."""
    customer = get_customer(customer_id)
    return confirmed_action(
        lambda: render("admin/customers/delete.html", locked=has_transactions(customer.id),
                       **customer_header(customer)),
        lambda: delete_customer(customer),
        _("Customer %(company)s deleted.", company=customer.company),
        url_for("admin.customer_list"),
        back=url_for("admin.customer_detail", customer_id=customer_id))  # fmt: skip


@bp.get("/customers/<int:customer_id>/activity")
def customer_activity(customer_id: int):
    return customer_tab(customer_id, "activity", customer_activity_of, list_name="activity")
