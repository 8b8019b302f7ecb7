"""The client portal at /clients: a customer's contacts, scoped to their own customer."""

from functools import wraps
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    flash,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.auth.pages import IMPERSONATOR  # noqa: F401  (portal modules import it here)
from app.htmx import see_other

bp = Blueprint("portal", __name__, url_prefix="/clients")

# Reachable without a contact session.
PUBLIC_ENDPOINTS = {
    "portal.login",
    "portal.logout",
    "portal.forgot_password",
    "portal.set_password",
}


def is_contact() -> bool:
    """True when the session belongs to an active contact of an active customer."""
    return (
        current_user.is_authenticated and current_user.kind == "contact" and current_user.is_active
    )


# What staff may still post while viewing the portal as a contact.
VIEW_AS_ACTIONS = {"portal.end_impersonation", "portal.logout"}


@bp.before_request
def require_contact():
    """Visitors and staff sessions are sent to the portal sign-in page."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not is_contact():
        return redirect(url_for("portal.login", next=request.full_path.rstrip("?")))
    if session.get(IMPERSONATOR) and request.method == "POST":
        return refuse_while_viewing_as()
    return None


def refuse_while_viewing_as():
    """'View portal as' is read-only: no answer, signature, ticket or comment in the contact's
    name. Staff go back to the page they were on, with a message."""
    if request.endpoint in VIEW_AS_ACTIONS:
        return None
    flash(_("You are viewing the portal as this contact: nothing can be changed."), "error")
    referrer = urlsplit(request.referrer or "")
    back = url_for("portal.dashboard")
    if referrer.netloc == request.host and referrer.path.startswith(bp.url_prefix):
        back = referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return see_other(back)


def module_required(module: str):
    """A portal module page: 403 unless this contact's permissions open `module`."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.may_use(module):
                abort(403)
            return view(*args, **kwargs)

        wrapped.portal_module = module
        return wrapped

    return decorator


@bp.app_context_processor
def portal_context() -> dict:
    """Whether staff is viewing the portal as this contact (for the banner)."""
    if not has_request_context():  # PDFs and emails rendered by workers
        return {"impersonating": False}
    return {"impersonating": bool(session.get(IMPERSONATOR)) and is_contact()}


from app.blueprints.portal import (  # noqa: E402,F401
    auth,
    contracts,
    home,
    profile,
    projects,
    sales,
    tickets,
)
