"""The client portal at /clients: a customer's contacts, scoped to their own customer."""

from functools import wraps

from flask import Blueprint, abort, has_request_context, redirect, request, url_for
from flask_login import current_user

from app.blueprints import impersonation

bp = Blueprint("portal", __name__, url_prefix="/clients")

# Each portal module's page, the one place a module names its endpoint (dashboard cards, menu).
# The key `support` is stored data (the permission column perm_support) and the module people see
# is called Support; in code its pages are tickets, like the staff side's.
MODULE_ENDPOINTS = {
    "invoices": "portal.invoice_list",
    "estimates": "portal.estimate_list",
    "contracts": "portal.contract_list",
    "proposals": "portal.proposal_list",
    "support": "portal.ticket_list",
    "projects": "portal.project_list",
    "files": "portal.file_list",
}

# Reachable without a contact session.
PUBLIC_ENDPOINTS = {
    "portal.login",
    "portal.login_code",
    "portal.logout",
    "portal.forgot_password",
    "portal.set_password",
}


def is_contact() -> bool:
    """True when the session belongs to an active contact of an active customer."""
    return (
        current_user.is_authenticated and current_user.kind == "contact" and current_user.is_active
    )


@bp.before_request
def require_contact():
    """Visitors and staff sessions are sent to the portal sign-in page."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not is_contact():
        return redirect(url_for("portal.login", next=request.full_path.rstrip("?")))
    if not impersonation.active():
        # Imported here: it imports the sign-in pages, which import this package.
        from app.blueprints.two_step_profile import enrolment_first

        return enrolment_first("portal")
    return impersonation.refuse_changes()


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


# Not a template global (those are all in app/templating.py): a per-request value, worked out
# for each page from the session, that only the portal's banner reads.
@bp.app_context_processor
def portal_context() -> dict:
    """Whether staff is viewing the portal as this contact (for the banner)."""
    if not has_request_context():  # PDFs and emails rendered by workers
        return {"impersonating": False}
    return {"impersonating": impersonation.active() and is_contact()}


from app.blueprints.portal import (  # noqa: E402,F401
    auth,
    contracts,
    files,
    home,
    kb,
    privacy,
    profile,
    projects,
    sales,
    security,
    statements,
    tickets,
)
