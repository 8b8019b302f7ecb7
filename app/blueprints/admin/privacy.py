"""Personal data (GDPR): a contact's data as a ZIP, erasing a contact or a whole customer, and
Settings → Personal data requests (the log, and the contacts' erasure requests to decide)."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.contacts import get_contact
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import get_customer
from app.blueprints.posting import confirmed_action
from app.blueprints.privacy_download import personal_data_response
from app.htmx import render
from app.services.privacy.erase import (
    contact_placeholder,
    customer_erased,
    customer_placeholder,
    erase_contact,
    erase_customer,
    is_erased,
    kept_records,
)
from app.services.privacy.requests import erasure_of


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/personal-data")
def customer_contact_export(customer_id: int, contact_id: int):
    """The contact's personal data as a ZIP (logged as an export asked by this staff member)."""
    contact = get_contact(customer_id, contact_id)
    return personal_data_response(contact, current_user._get_current_object())


def _erase_page(customer, contact, url: str, back: str):
    return render("admin/customers/erase.html", contact=contact, url=url, back=back,
                  done=erasure_of(customer.id, contact.id if contact else None),
                  erased=is_erased(contact) if contact else customer_erased(customer),
                  kept=kept_records(customer.id),
                  placeholder=(contact_placeholder(contact.id) if contact
                               else customer_placeholder(customer.id)),
                  **customer_header(customer, "contacts" if contact else None))  # fmt: skip


@bp.route("/customers/<int:customer_id>/contacts/<int:contact_id>/erase", methods=["GET", "POST"])
def customer_contact_erase(customer_id: int, contact_id: int):
    """GET says what is erased and what is kept; POST erases (administrators only)."""
    contact = get_contact(customer_id, contact_id)
    url = url_for("admin.customer_contact_erase", customer_id=customer_id, contact_id=contact_id)
    back = url_for("admin.customer_contact_edit", customer_id=customer_id, contact_id=contact_id)
    return confirmed_action(
        lambda: _erase_page(contact.customer, contact, url, back),
        lambda: erase_contact(contact, current_user._get_current_object()),
        _("The contact's personal data is erased."),
        url_for("admin.customer_contacts", customer_id=customer_id),
        back=back,
    )


@bp.route("/customers/<int:customer_id>/erase", methods=["GET", "POST"])
def customer_erase(customer_id: int):
    """The same for the customer and all its contacts."""
    customer = get_customer(customer_id)
    url = url_for("admin.customer_erase", customer_id=customer_id)
    back = url_for("admin.customer_detail", customer_id=customer_id)
    return confirmed_action(
        lambda: _erase_page(customer, None, url, back),
        lambda: erase_customer(customer, current_user._get_current_object()),
        _("The customer's personal data is erased."),
        back,
        back=back,
    )
