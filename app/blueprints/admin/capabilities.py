"""The capability each dashboard endpoint needs: one table, read on every request.

A value is (module, action) for every method, a {method: (module, action)} dict when reading
and changing differ (a page with its own form), or ANY_STAFF. "view" is view all or view own.
An endpoint missing here is refused to everyone but administrators (and fails the access test).

A refusal is 404 when a record the URL names is missing or outside the person's scope (the
scope is checked first, so nobody learns that a record exists), else 403."""

from flask import abort, request
from flask_login import current_user

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
from app.roles import ADMINISTRATOR_ONLY, KIND_MODULES
from app.services.scope import scope_of

ANY_STAFF = "any staff"


def _view_edit(module: str) -> dict:
    """Reading a page needs view, posting its form edit."""
    return {"GET": (module, "view"), "POST": (module, "edit")}


def _kinds(page: str, action: str, kinds=KIND_MODULES) -> dict:
    return {f"{kind}_{page}": (KIND_MODULES[kind], action) for kind in kinds}


SETTINGS_VIEW, SETTINGS_EDIT = ("settings", "view"), ("settings", "edit")

CAPABILITIES = {
    "dashboard": ANY_STAFF,
    "profile": ANY_STAFF,
    "profile_password": ANY_STAFF,
    "profile_security": ANY_STAFF,
    "profile_session_end": ANY_STAFF,
    "profile_sessions_end_others": ANY_STAFF,
    "two_step_setup": ANY_STAFF,
    "two_step_codes": ANY_STAFF,
    "two_step_off": ANY_STAFF,
    "sales_index": ANY_STAFF,  # tabs of the kinds the person may see
    "first_run": SETTINGS_EDIT,
    # Customers and contacts
    "customer_list": ("customers", "view"),
    "customer_export": ("customers", "view"),
    "customer_export_xlsx": ("customers", "view"),
    "contact_export": ("customers", "view"),
    "contact_export_xlsx": ("customers", "view"),
    "customer_create": ("customers", "create"),
    "customer_quick": ("customers", "create"),
    # Imports (app/blueprints/admin/imports.py): every step creates or changes customers
    **dict.fromkeys(
        (
            "import_list",
            "import_detail",
            "import_state",
            "import_start",
            "import_undo",
            "import_refused_csv",
            "import_refused_xlsx",
        ),
        ("customers", "create"),
    ),
    "customer_detail": _view_edit("customers"),
    "customer_toggle_active": ("customers", "edit"),
    "customer_delete": ("customers", "delete"),
    "customer_contacts": ("customers", "view"),
    "customer_activity": ("customers", "view"),
    "customer_contact_create": ("customers", "edit"),
    "customer_contact_edit": ("customers", "edit"),
    "customer_contact_primary": ("customers", "edit"),
    "customer_contact_active": ("customers", "edit"),
    "customer_contact_send_link": ("customers", "edit"),
    "customer_contact_two_step_reset": ("customers", "edit"),
    "customer_contact_view_as": ("customers", "view_as"),
    "customer_contact_export": ("customers", "edit"),
    "customer_contact_erase": ADMINISTRATOR_ONLY,
    "customer_erase": ADMINISTRATOR_ONLY,
    "customer_email_resend": ("customers", "edit"),
    "customer_notes": _view_edit("customers"),
    "customer_note_edit": _view_edit("customers"),
    "customer_note_pin": ("customers", "edit"),
    "customer_note_delete": ("customers", "edit"),
    "customer_files": _view_edit("customers"),
    "customer_file_download": ("customers", "view"),
    "customer_file_share": ("customers", "edit"),
    "customer_file_delete": ("customers", "edit"),
    # Reminders: a record's section (view it, add with edit), the dashboard card, and snooze or
    # done, which only administrators, the creator and the person reminded may use (else 404)
    "customer_reminders": _view_edit("customers"),
    "invoice_reminders": _view_edit("invoices"),
    "estimate_reminders": _view_edit("estimates"),
    "contract_reminders": _view_edit("contracts"),
    "ticket_reminders": _view_edit("support"),
    "reminder_list": ANY_STAFF,
    "reminder_done": ANY_STAFF,
    "reminder_snooze": ANY_STAFF,
    "group_list": _view_edit("customers"),
    "group_rename": ("customers", "edit"),
    "group_delete": ("customers", "delete"),
    # A customer's tabs of other modules
    "customer_invoices": ("invoices", "view"),
    "customer_credit_notes": ("invoices", "view"),
    "customer_statement": ("invoices", "view"),
    "customer_openings": {"GET": ("invoices", "view"), "POST": ("invoices", "create")},
    "customer_opening_edit": _view_edit("invoices"),
    "customer_opening_delete": ("invoices", "delete"),
    "customer_opening_payment": ("invoices", "edit"),
    "customer_statement_pdf": ("invoices", "view"),
    "customer_statement_send": ("invoices", "edit"),
    "customer_estimates": ("estimates", "view"),
    "customer_proposals": ("proposals", "view"),
    "customer_contracts": ("contracts", "view"),
    "customer_projects": ("projects", "view"),
    "customer_tickets": ("support", "view"),
    # Invoices and payments, estimates, proposals
    **_kinds("list", "view"),
    **_kinds("detail", "view"),
    **_kinds("pdf", "view"),
    **_kinds("export", "view"),  # the list's export menu (app/blueprints/admin/sales_exports.py)
    **_kinds("export_xlsx", "view"),
    **_kinds("lines_export", "view"),
    **_kinds("lines_export_xlsx", "view"),
    "invoice_payments_export": ("invoices", "view"),
    "invoice_payments_export_xlsx": ("invoices", "view"),
    **_kinds("create", "create"),
    **_kinds("copy", "create"),
    **_kinds("edit", "edit"),
    **_kinds("issue", "edit"),
    **_kinds("send", "edit"),
    **_kinds("answer", "edit", ("estimate", "proposal")),
    # and the target kind's create (sales_actions.convert_view)
    **_kinds("convert", "edit", ("estimate", "proposal")),
    "invoice_cancel": ("invoices", "edit"),
    "invoice_payment": ("invoices", "edit"),
    # Credit notes (invoices module): made from an invoice, applied, refunded
    "invoice_credit": ("invoices", "create"),
    "credit_apply": ("invoices", "edit"),
    "credit_application_remove": ("invoices", "edit"),
    "credit_refund": ("invoices", "edit"),
    # Recurring invoices (the invoices module)
    "recurring_list": ("invoices", "view"),
    "recurring_detail": ("invoices", "view"),
    "recurring_create": ("invoices", "create"),
    "recurring_edit": ("invoices", "edit"),
    "recurring_pause": ("invoices", "edit"),
    "recurring_resume": ("invoices", "edit"),
    "recurring_delete": ("invoices", "delete"),
    "customer_recurring_invoices": ("invoices", "view"),
    # Contracts
    "contract_list": ("contracts", "view"),
    "contract_detail": ("contracts", "view"),
    "contract_pdf": ("contracts", "view"),
    "contract_create": ("contracts", "create"),
    "contract_edit": ("contracts", "edit"),
    "contract_send": ("contracts", "edit"),
    "contract_renew": ("contracts", "create"),  # a new draft, as a document's copy
    "contract_delete": ("contracts", "delete"),
    # Projects and their tasks
    "project_list": ("projects", "view"),
    "project_detail": ("projects", "view"),
    "project_create": ("projects", "create"),
    "project_edit": ("projects", "edit"),
    "project_delete": ("projects", "delete"),
    "project_task_create": ("projects", "edit"),
    "project_task_update": ("projects", "edit"),
    "project_task_delete": ("projects", "edit"),
    "project_task_comment": ("projects", "edit"),
    # My tasks (each person's own: others' tasks are 404) and a customer's standalone tasks
    "my_tasks": ANY_STAFF,
    "my_task_done": ANY_STAFF,
    "my_calendar_link": ANY_STAFF,
    "customer_task_create": ("projects", "edit"),
    "customer_task_update": ("projects", "edit"),
    "customer_task_delete": ("projects", "edit"),
    # Support
    "ticket_list": ("support", "view"),
    "ticket_detail": _view_edit("support"),  # posting: a reply
    "ticket_attachment": ("support", "view"),
    "ticket_update": ("support", "edit"),
    "ticket_choose": ("support", "create"),
    "ticket_create": ("support", "create"),
    # Reports
    "report_index": ("reports", "view"),
    "report_groups": ("reports", "view"),
    "report_groups_csv": ("reports", "view"),
    "report_groups_xlsx": ("reports", "view"),
    "report_customers": ("reports", "view"),
    "report_ageing": ("reports", "view"),
    "report_ageing_csv": ("reports", "view"),
    "report_ageing_xlsx": ("reports", "view"),
    "report_journal": ("reports", "view"),
    "report_journal_csv": ("reports", "view"),
    "report_journal_xlsx": ("reports", "view"),
    "report_vat": ("reports", "view"),
    "report_vat_csv": ("reports", "view"),
    "report_vat_xlsx": ("reports", "view"),
    # Knowledge base
    "kb_article_list": ("knowledge_base", "view"),
    "kb_article_create": ("knowledge_base", "create"),
    "kb_article_edit": _view_edit("knowledge_base"),
    "kb_article_delete": ("knowledge_base", "delete"),
    "kb_language_delete": ("knowledge_base", "delete"),
    "kb_least_helpful": ("knowledge_base", "view"),
    "kb_group_list": _view_edit("knowledge_base"),
    "kb_group_edit": _view_edit("knowledge_base"),
    "kb_group_delete": ("knowledge_base", "delete"),
    # Settings
    "settings_index": SETTINGS_VIEW,
    "settings_company": _view_edit("settings"),
    "settings_localization": _view_edit("settings"),
    "settings_email": _view_edit("settings"),
    "settings_email_test": SETTINGS_EDIT,
    "settings_finance": _view_edit("settings"),
    "settings_document_texts": _view_edit("settings"),
    "settings_payment_reminders": _view_edit("settings"),
    "settings_security": _view_edit("settings"),
    "settings_contracts": _view_edit("settings"),
    "settings_contract_reminders": _view_edit("settings"),
    "settings_contract_type_edit": SETTINGS_EDIT,
    "settings_contract_type_delete": SETTINGS_EDIT,
    "outbox_list": SETTINGS_VIEW,
    # Personal data requests: the log; deciding a contact's request is for administrators
    "privacy_request_list": SETTINGS_VIEW,
    "privacy_request_refuse": ADMINISTRATOR_ONLY,
    "privacy_request_erase": ADMINISTRATOR_ONLY,
    "outbox_retry": SETTINGS_EDIT,
    "currency_list": _view_edit("settings"),
    "currency_edit": SETTINGS_EDIT,
    "currency_default": SETTINGS_EDIT,
    "currency_delete": SETTINGS_EDIT,
    "tax_list": _view_edit("settings"),
    "tax_edit": SETTINGS_EDIT,
    "tax_delete": SETTINGS_EDIT,
    "custom_field_list": SETTINGS_VIEW,
    "custom_field_create": SETTINGS_EDIT,
    "custom_field_edit": _view_edit("settings"),
    "custom_field_delete": SETTINGS_EDIT,
    "department_list": _view_edit("settings"),
    "department_edit": SETTINGS_EDIT,
    "department_delete": SETTINGS_EDIT,
    "email_template_list": SETTINGS_VIEW,
    "email_template_edit": _view_edit("settings"),
    "email_template_reset": SETTINGS_EDIT,
    # Staff and roles
    "staff_list": ("staff", "view"),
    "staff_security": ("staff", "view"),
    "staff_invite": ("staff", "create"),
    "staff_edit": _view_edit("staff"),
    "staff_deactivate": ("staff", "edit"),
    "staff_reactivate": ("staff", "edit"),
    "staff_resend_invitation": ("staff", "create"),
    "staff_send_reset": ("staff", "edit"),
    "staff_sessions_end": ("staff", "edit"),
    "staff_two_step_reset": ("staff", "edit"),
    "role_list": ("staff", "view"),
    "role_create": ADMINISTRATOR_ONLY,
    "role_edit": {"GET": ("staff", "view"), "POST": ADMINISTRATOR_ONLY},
    "role_delete": ADMINISTRATOR_ONLY,
}

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


def can_use(endpoint: str, method: str = "GET") -> bool:
    """Whether the signed-in staff member may use `endpoint` (for menus and buttons)."""
    needed = capability_of(endpoint, method)
    user = current_user._get_current_object()  # once: a menu asks this a dozen times a page
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
