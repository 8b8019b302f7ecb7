"""'View portal as': an administrator opens the client portal as one of a customer's contacts.

Everything about it lives here: starting and ending it, the session key that keeps the staff
identity aside, the check that it is on, and the rule that the portal is read-only meanwhile.
"""

from urllib.parse import urlsplit

from flask import current_app, flash, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth_identity import load_identity
from app.htmx import see_other
from app.models import Contact, User
from app.services import sessions
from app.services.customers.activity import log_activity

SESSION_KEY = "portal_impersonator"  # the staff member viewing the portal as a contact
# What staff may still post while viewing the portal as a contact.
ALLOWED_POSTS = {"portal.end_impersonation", "portal.logout"}


def start(contact: Contact, staff: User) -> None:
    """Record it, then sign in as the contact and keep the staff identity aside."""
    log_activity(contact.customer, staff, "contact.impersonated", subject=contact.full_name)
    sessions.view_as(contact, staff)  # on the staff session: ending it ends the view
    session[SESSION_KEY] = staff.get_id()  # with its session token: a reset ends it


def end() -> Contact | None:
    """Sign the contact out and the staff member back in, if that session would still be valid
    (same session, still active and allowed to view as); the contact they viewed as, else None."""
    identity = session.pop(SESSION_KEY, None)
    person = current_user._get_current_object()
    contact = person if isinstance(person, Contact) else None
    logout_user()
    staff = load_identity(identity) if isinstance(identity, str) else None
    if (
        not isinstance(staff, User)
        or not staff.is_active
        or not staff.can("customers", "view_as")
        or not contact
    ):
        return None
    log_activity(contact.customer, staff, "contact.impersonation_ended", subject=contact.full_name)
    login_user(staff)
    return contact


def active() -> bool:
    """True while staff is viewing the portal as a contact."""
    return bool(session.get(SESSION_KEY))


def forget() -> bool:
    """Drop any 'view as' from the session (a fresh sign-in, a sign-out); True if there was one."""
    return bool(session.pop(SESSION_KEY, None))


def refuse_changes():
    """'View portal as' is read-only: no answer, signature, ticket or comment in the contact's
    name. A post is answered by going back to the page staff were on, with a message."""
    if not active() or request.method != "POST" or request.endpoint in ALLOWED_POSTS:
        return None
    flash(_("You are viewing the portal as this contact: nothing can be changed."), "error")
    referrer = urlsplit(request.referrer or "")
    back = url_for("portal.dashboard")
    portal_prefix = current_app.blueprints["portal"].url_prefix
    if referrer.netloc == request.host and referrer.path.startswith(portal_prefix):
        back = referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return see_other(back)
