"""Admins open the client portal as one of a customer's contacts."""

from flask import abort, redirect, session, url_for
from flask_login import current_user, login_user

from app.blueprints.admin import admin_required, bp
from app.blueprints.admin.contacts import get_contact
from app.blueprints.portal import IMPERSONATOR
from app.extensions import db
from app.services.contact_auth import start_impersonation


@bp.post("/customers/<int:customer_id>/contacts/<int:contact_id>/view-as")
@admin_required
def customer_contact_view_as(customer_id: int, contact_id: int):
    contact = get_contact(customer_id, contact_id)
    if not contact.is_active:
        abort(404)
    staff = current_user._get_current_object()
    start_impersonation(contact, staff)
    db.session.commit()
    login_user(contact)  # not remembered: the view ends with the browser session
    session[IMPERSONATOR] = staff.get_id()  # with its session token: a reset ends it
    return redirect(url_for("portal.dashboard"), 303)
