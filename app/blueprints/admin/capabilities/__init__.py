"""Whether the signed-in staff member may use a dashboard endpoint, checked on every request
against the table of capabilities (table.py) and the person's scope.

A refusal is 404 when a record the URL names is missing or outside the person's scope (the
scope is checked first, so nobody learns that a record exists), else 403."""

from flask import abort, request
from flask_login import current_user

from app.blueprints.admin.capabilities.table import ANY_STAFF, CAPABILITIES
from app.models import (
    Contact,
    Contract,
    Customer,
    CustomerFile,
    CustomerNote,
    Document,
    OutboxMessage,
    Project,
    RecurringInvoice,
    Reminder,
    Task,
    Ticket,
    User,
)
from app.services.scope import scope_of

# The records URL variables name, looked up in the person's scope before a 403.
RECORDS = {
    "customer_id": Customer, "contact_id": Contact, "document_id": Document, "ticket_id": Ticket,
    "contract_id": Contract, "project_id": Project, "task_id": Task, "message_id": OutboxMessage,
    "user_id": User, "recurring_id": RecurringInvoice, "note_id": CustomerNote,
    "file_id": CustomerFile,
    "reminder_id": Reminder, "opening_id": Document,
}  # fmt: skip


def capability_of(endpoint: str, method: str):
    """What `endpoint` ("admin.x") needs for `method`: (module, action), ANY_STAFF, or None
    when undeclared."""
    needed = CAPABILITIES.get(endpoint.removeprefix("admin."))
    if isinstance(needed, dict):
        return needed.get("GET" if method == "HEAD" else method)
    return needed


def check_capability() -> None:
    """Abort with 404 or 403 unless the signed-in staff member may use this endpoint.

    The records the URL names are looked up in the person's scope whatever their role holds:
    a URL that only sends a reload to the record's page (`reload_goes_to`) answers 404 too."""
    if current_user.is_admin:
        return
    scope = scope_of(current_user._get_current_object())
    for name, value in (request.view_args or {}).items():
        entity = RECORDS.get(name)
        if entity is not None and scope.get(entity, value) is None:
            abort(404)
    needed = capability_of(request.endpoint or "", request.method)
    if needed == ANY_STAFF or (needed is not None and current_user.can(*needed)):
        return
    abort(403)


def require(module: str, action: str) -> None:
    """403 unless the signed-in member's role grants `action` on `module`: a second capability
    an endpoint needs beyond its line (converting makes a document of the target's kind)."""
    if not current_user.can(module, action):
        abort(403)


def can_use(endpoint: str, method: str = "GET", user=None) -> bool:
    """Whether the signed-in staff member (`user`, when the caller has it) may use `endpoint`
    (for menus and buttons)."""
    needed = capability_of(endpoint, method)
    user = user or current_user._get_current_object()  # once: a menu asks this a dozen times
    if needed == ANY_STAFF or user.is_admin:
        return True
    return needed is not None and user.can(*needed)


def may_change_member(member) -> bool:
    """Whether the signed-in staff member may change `member`'s account: staff edit, and an
    administrator's account only as an administrator (for buttons; see changeable_member)."""
    return current_user.can("staff", "edit") and (not member.is_admin or current_user.is_admin)


def changeable_member(member):
    """`member` when the signed-in staff member may change their account; an administrator's
    account is changed by administrators only (403)."""
    if member.is_admin and not current_user.is_admin:
        abort(403)
    return member
