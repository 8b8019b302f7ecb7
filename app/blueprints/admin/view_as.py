"""Admins open the client portal as one of a customer's contacts."""

from flask import abort, session, url_for
from flask_login import current_user, login_user

from app.blueprints.admin import admin_required, bp
from app.blueprints.admin.contacts import get_contact
from app.blueprints.portal import IMPERSONATOR
from app.blueprints.posting import run_action
from app.services.contact_auth import start_impersonation


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/view-as")
@admin_required
def customer_contact_view_as(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)
    if not contact.is_active:
        abort(404)
    staff = current_user._get_current_object()
    response = run_action(lambda: start_impersonation(contact, staff), None,
                          url_for("portal.dashboard"))  # fmt: skip
    # Signed in as the contact only once the record of it is committed.
    login_user(contact)  # not remembered: the view ends with the browser session
    session[IMPERSONATOR] = staff.get_id()  # with its session token: a reset ends it
    return response
