"""A customer's contacts tab: list, add, edit (with permissions), primary, activation, links."""

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.blueprints.admin import bp
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import get_customer
from app.extensions import db
from app.forms import show_errors
from app.forms.customers import ContactForm
from app.htmx import form_status, render, see_other
from app.models import Contact
from app.services import FormErrors, ValidationError
from app.services.customers.activity import recent_activity
from app.services.customers.contacts import (
    add_contact,
    clean_contact,
    make_primary,
    send_contact_added_email,
    send_set_password_link,
    set_contact_active,
    update_contact,
)
from app.services.customers.normalize import format_phone


def get_contact(customer_id: int, contact_id: int) -> Contact:
    """The contact of this customer, or 404 (a contact of another customer is a 404 too)."""
    contact = db.session.scalar(
        select(Contact).where(Contact.id == contact_id, Contact.customer_id == customer_id)
    )
    if contact is None:
        abort(404)
    return contact


def _back_to_contacts(customer_id: int):
    target = url_for("admin.customer_contacts", customer_id=customer_id)
    return see_other(target)


@bp.get("/customers/<int:customer_id>/contacts")
def customer_contacts(customer_id: int):
    customer = get_customer(customer_id)
    return render(
        "admin/customers/contacts.html",
        **customer_header(customer, "contacts"),
    )


@bp.get("/customers/<int:customer_id>/activity")
def customer_activity(customer_id: int):
    customer = get_customer(customer_id)
    return render(
        "admin/customers/activity.html",
        **customer_header(customer, "activity"),
        entries=recent_activity(customer.id),
    )


def _save_contact(form, customer, contact):
    """Validate with the form and the service and save; None leaves every error on the form."""
    form.validate()
    try:
        values = clean_contact(form.data, customer.country, contact=contact)
    except FormErrors as exc:
        show_errors(form, exc)
        return None
    if any(field.errors for field in form):
        return None
    if contact is None:
        contact = add_contact(customer, values, current_user)
        if form.send_link.data:
            send_contact_added_email(contact, current_user)
    else:
        update_contact(contact, values, current_user)
    return contact


@bp.route("/customers/<int:customer_id>/contacts/new", methods=["GET", "POST"])
def customer_contact_create(customer_id: int):
    customer = get_customer(customer_id)
    form = ContactForm()
    if form.is_submitted():
        contact = _save_contact(form, customer, None)
        if contact is not None:
            db.session.commit()
            flash(_("Contact %(name)s added.", name=contact.full_name), "success")
            return _back_to_contacts(customer.id)
    status = form_status(form)
    return render(
        "admin/customers/contact_form.html",
        block="form",
        status=status,
        form=form,
        contact=None,
        **customer_header(customer, "contacts"),
    )


@bp.route("/customers/<int:customer_id>/contacts/<int:contact_id>", methods=["GET", "POST"])
def customer_contact_edit(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)
    form = ContactForm(obj=None if request.method == "POST" else contact)
    if request.method == "GET":
        form.phone.data = format_phone(contact.phone)
    if form.is_submitted() and _save_contact(form, contact.customer, contact) is not None:
        db.session.commit()
        flash(_("Contact %(name)s saved.", name=contact.full_name), "success")
        return _back_to_contacts(customer_id)
    status = form_status(form)
    return render(
        "admin/customers/contact_form.html",
        block="form",
        status=status,
        form=form,
        contact=contact,
        **customer_header(contact.customer, "contacts"),
    )


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/primary")
def customer_contact_primary(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)
    try:
        make_primary(contact, current_user)
    except ValidationError as exc:
        flash(exc.message, "error")
        return _back_to_contacts(customer_id)
    db.session.commit()
    flash(_("%(name)s is now the primary contact.", name=contact.full_name), "success")
    return _back_to_contacts(customer_id)


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/active")
def customer_contact_active(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)
    try:
        set_contact_active(contact, request.form.get("active") == "1", current_user)
    except ValidationError as exc:
        flash(exc.message, "error")
    else:
        db.session.commit()
        message = _("Contact activated.") if contact.active else _("Contact deactivated.")
        flash(message, "success")
    return _back_to_contacts(customer_id)


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/send-link")
def customer_contact_send_link(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)
    if not contact.active or not contact.customer.active:
        flash(_("Activate the contact and its customer before sending a link."), "error")
        return _back_to_contacts(customer_id)
    send_set_password_link(contact, current_user)
    db.session.commit()
    flash(
        _("A link to choose a password was emailed to %(email)s.", email=contact.email), "success"
    )
    return _back_to_contacts(customer_id)
