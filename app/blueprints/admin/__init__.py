"""The staff dashboard. Every view here needs a signed-in staff member."""

from flask import Blueprint, redirect, request, url_for
from flask_login import current_user

bp = Blueprint("admin", __name__, url_prefix="/admin")


def is_staff() -> bool:
    """True when the session belongs to an active staff member (not a portal contact)."""
    return current_user.is_authenticated and current_user.kind == "staff" and current_user.is_active


@bp.before_request
def require_staff():
    """Anonymous visitors and contacts are sent to the staff sign-in page."""
    if not is_staff():
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    # Imported here: it imports the sign-in pages, which import this package.
    from app.blueprints.admin.capabilities import check_capability
    from app.blueprints.two_step_profile import enrolment_first

    return enrolment_first("admin") or check_capability()


from app.blueprints.admin import (  # noqa: E402,F401
    contacts,
    contract_types,
    contracts,
    credit_notes,
    currencies,
    custom_fields,
    customer_emails,
    customer_files,
    customer_notes,
    customer_sales,
    customers,
    dashboard,
    departments,
    email_templates,
    finance,
    groups,
    imports,
    kb,
    my_tasks,
    opening_balances,
    outbox,
    payment_reminders,
    privacy,
    privacy_requests,
    profile,
    project_tasks,
    projects,
    quick_create,
    recurring,
    reminders,
    reports,
    roles,
    sales,
    sales_actions,
    sales_exports,
    sales_reports,
    security,
    settings,
    staff,
    statements,
    taxes,
    tickets,
    view_as,
)
