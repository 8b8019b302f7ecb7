"""Admins open the client portal as one of a customer's contacts."""

from flask import abort, url_for
from flask_login import current_user

from app.blueprints import impersonation
from app.blueprints.admin import bp
from app.blueprints.admin.contacts import get_contact
from app.blueprints.posting import run_action


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/view-as")
def customer_contact_view_as(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)
    if not contact.is_active:
        abort(404)
    staff = current_user._get_current_object()
    return run_action(
        lambda: impersonation.start(contact, staff), None, url_for("portal.dashboard")
    )
