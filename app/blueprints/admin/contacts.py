"""A customer's contacts tab: list, add, edit (with permissions), primary, activation, links."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.custom_form import custom_form, fill_custom
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import customer_tab, get_customer
from app.blueprints.posting import run_action, saved_form
from app.forms.customers import ContactForm
from app.htmx import form_status, render
from app.models import Contact
from app.services import Collector, FormErrors, ValidationError, two_step
from app.services.custom_fields.records import clean_custom, save_contact_custom
from app.services.customers.contacts import (
    add_contact,
    clean_contact,
    make_primary,
    send_contact_added_email,
    send_set_password_link,
    set_contact_active,
    update_contact,
)
from app.services.customers.email_preferences import clean_email_preferences
from app.services.customers.normalize import format_phone
from app.services.customers.notes import contact_notes
from app.services.customers.related import customer_contacts as customer_contacts_of
from app.services.scope import scope_of


def get_contact(customer_id: int, contact_id: int) -> Contact:
    """The contact of this customer, or 404 (a contact of another customer is a 404 too)."""
    return scope_of(current_user).of_customer_or_404(Contact, customer_id, contact_id)


def _contacts_url(customer_id: int) -> str:
    return url_for("admin.customer_contacts", customer_id=customer_id)


@bp.get("/customers/<int:customer_id>/contacts")
def customer_contacts(customer_id: int):
    return customer_tab(customer_id, "contacts", customer_contacts_of)


def _saved_contact(form, customer, contact):
    """The contact form's post, the service's checks beside the form's: a redirect, or None."""
    scope = scope_of(current_user)

    def check():
        errors = Collector()
        try:
            clean_contact(form.data, customer.country, contact=contact, scope=scope)
        except FormErrors as exc:
            errors.errors.update(exc.errors)
        custom = clean_custom("contact", form.data, errors)
        errors.raise_if_any()
        return custom

    def save():
        custom = check()
        values = clean_contact(form.data, customer.country, contact=contact, scope=scope)
        values |= clean_email_preferences(form.data)
        if contact is not None:
            update_contact(contact, values, current_user)
            save_contact_custom(contact, custom, current_user)
            return contact
        added = add_contact(customer, values, current_user)
        save_contact_custom(added, custom, None)
        if form.send_link.data:
            send_contact_added_email(added, current_user)
        return added

    return saved_form(
        form, save,
        lambda saved: (_("Contact %(name)s added.", name=saved.full_name) if contact is None
                       else _("Contact %(name)s saved.", name=saved.full_name)),
        _contacts_url(customer.id),
        check=check,
    )  # fmt: skip


def _form_page(form, customer, contact):
    notes = contact_notes(contact, scope_of(current_user)) if contact else []
    return render("admin/customers/contact_form.html", block="form", status=form_status(form),
                  form=form, contact=contact, **customer_header(customer, "contacts"),
                  contact_two_step=bool(contact) and two_step.is_on(contact),
                  notes=notes)  # fmt: skip


@bp.route("/customers/<int:customer_id>/contacts/new", methods=["GET", "POST"])
def customer_contact_create(customer_id: int):
    customer = get_customer(customer_id)
    form = custom_form(ContactForm, "contact")()
    return _saved_contact(form, customer, None) or _form_page(form, customer, None)


@bp.route("/customers/<int:customer_id>/contacts/<int:contact_id>", methods=["GET", "POST"])
def customer_contact_edit(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)
    form = custom_form(ContactForm, "contact")(obj=None if request.method == "POST" else contact)
    if request.method == "GET":
        fill_custom(form, "contact", contact.id)
        form.phone.data = format_phone(contact.phone)
    return _saved_contact(form, contact.customer, contact) or _form_page(
        form, contact.customer, contact
    )


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/primary")
def customer_contact_primary(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)
    return run_action(lambda: make_primary(contact, current_user),
                      _("%(name)s is now the primary contact.", name=contact.full_name),
                      _contacts_url(customer_id))  # fmt: skip


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/active")
def customer_contact_active(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)
    return run_action(
        lambda: set_contact_active(contact, request.form.get("active") == "1", current_user),
        lambda _done: _("Contact activated.") if contact.active else _("Contact deactivated."),
        _contacts_url(customer_id),
    )


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/send-link")
def customer_contact_send_link(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)

    def send():
        if not contact.active or not contact.customer.active:
            raise ValidationError(_("Activate the contact and its customer before sending a link."))
        send_set_password_link(contact, current_user)

    message = _("A link to choose a password was emailed to %(email)s.", email=contact.email)
    return run_action(send, message, _contacts_url(customer_id))


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/two-step/reset")
def customer_contact_two_step_reset(customer_id: int, contact_id: int):
    """Clear a contact's lost second step (recorded in the customer's activity)."""
    contact = get_contact(customer_id, contact_id)
    return run_action(lambda: two_step.reset_for(contact, by=current_user),
                      _("Two-step sign-in of %(name)s is reset.", name=contact.full_name),
                      url_for("admin.customer_contact_edit", customer_id=customer_id,
                              contact_id=contact_id))  # fmt: skip
