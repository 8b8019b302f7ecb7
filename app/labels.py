"""Every word shown for a stored key: statuses, kinds, priorities, payment modes, modules,
activity actions and changed fields. Low in the stack: forms, services and templates read it.

A status word takes a context ("status", or a narrower one where French or Spanish agree
with the thing's gender), so that the same English word elsewhere — the verb *Open*, the
report column *Paid* — is translated on its own. `flask translate check` reads every dict named
`*_STATUS_LABELS` here and fails when one of its words is used elsewhere under the same context.
"""

from functools import partial

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext, ngettext

KIND_LABELS = {
    "invoice": (_l("Invoice"), _l("Invoices"), _l("New invoice")),
    "estimate": (_l("Estimate"), _l("Estimates"), _l("New estimate")),
    "proposal": (_l("Proposal"), _l("Proposals"), _l("New proposal")),
    "credit": (_l("Credit note"), _l("Credit notes"), _l("New credit note")),
}

DOCUMENT_STATUS_LABELS = {
    "due": lazy_pgettext("status", "To be paid"),
    "draft": lazy_pgettext("status", "Draft"),
    "unpaid": lazy_pgettext("status", "Unpaid"),
    "partial": lazy_pgettext("status", "Partially paid"),
    "paid": lazy_pgettext("status", "Paid"),
    "overdue": lazy_pgettext("status", "Overdue"),
    "cancelled": lazy_pgettext("status", "Cancelled"),
    "sent": lazy_pgettext("status", "Sent"),
    "accepted": lazy_pgettext("status", "Accepted"),
    "declined": lazy_pgettext("status", "Declined"),
    "expired": lazy_pgettext("status", "Expired"),
}
# A proposal is feminine in French and Spanish: its statuses agree with it.
PROPOSAL_STATUS_LABELS = {
    "sent": lazy_pgettext("proposal", "Sent"),
    "open": lazy_pgettext("proposal", "Opened"),
    "revised": lazy_pgettext("proposal", "Revised"),
    "accepted": lazy_pgettext("proposal", "Accepted"),
    "declined": lazy_pgettext("proposal", "Declined"),
    "expired": lazy_pgettext("proposal", "Expired"),
}
# A credit note: open while some credit is left, closed once applied or refunded in full.
CREDIT_NOTE_STATUS_LABELS = {
    "open": lazy_pgettext("credit note", "Open"),
    "closed": lazy_pgettext("credit note", "Closed"),
}
CONTRACT_STATUS_LABELS = {
    "draft": lazy_pgettext("status", "Draft"),
    "sent": lazy_pgettext("status", "Sent"),
    "signed": lazy_pgettext("status", "Signed"),
    "expired": lazy_pgettext("status", "Expired"),
}
# A knowledge base article: "article" context (its gender differs from a document's).
ARTICLE_STATUS_LABELS = {
    "draft": lazy_pgettext("article", "Draft"),
    "published": lazy_pgettext("article", "Published"),
}
ARTICLE_VISIBILITY_LABELS = {
    "public": _l("Public: anyone with the link"),
    "portal": _l("Client portal: signed-in contacts only"),
}
TICKET_STATUS_LABELS = {
    "open": lazy_pgettext("status", "Open"),
    "in_progress": lazy_pgettext("status", "In progress"),
    "answered": lazy_pgettext("status", "Answered"),
    "on_hold": lazy_pgettext("status", "On hold"),
    "closed": lazy_pgettext("status", "Closed"),
}
# A project's statuses agree with "project" (masculine in Polish, where a ticket is neuter).
PROJECT_STATUS_LABELS = {
    "not_started": lazy_pgettext("project", "Not started"),
    "in_progress": lazy_pgettext("project", "In progress"),
    "on_hold": lazy_pgettext("project", "On hold"),
    "finished": lazy_pgettext("project", "Finished"),
    "cancelled": lazy_pgettext("project", "Cancelled"),
}
TASK_STATUS_LABELS = {
    "todo": lazy_pgettext("status", "To do"),
    "in_progress": lazy_pgettext("status", "In progress"),
    "done": lazy_pgettext("status", "Done"),
}

# An email in the outbox (Settings → Email → Outbox).
OUTBOX_STATUS_LABELS = {
    "queued": lazy_pgettext("email", "Queued"),
    "sending": lazy_pgettext("email", "Sending"),
    "failed": lazy_pgettext("email", "Failed"),
    "sent": lazy_pgettext("email", "Sent"),
}

# A customer import (feminine in French and Spanish: "Importation terminée").
IMPORT_STATUS_LABELS = {
    "mapping": lazy_pgettext("import", "Choosing the columns"),
    "checking": lazy_pgettext("import", "Checking"),
    "checked": lazy_pgettext("import", "Checked"),
    "running": lazy_pgettext("import", "Importing"),
    "done": lazy_pgettext("import", "Done"),
    "failed": lazy_pgettext("import", "Failed"),
    "undone": lazy_pgettext("import", "Undone"),
}

# A recurring invoice (feminine in French and Spanish: "Facture récurrente active").
RECURRING_STATUS_LABELS = {
    "active": lazy_pgettext("recurring invoice", "Active"),
    "paused": lazy_pgettext("recurring invoice", "Paused"),
    "ended": lazy_pgettext("recurring invoice", "Ended"),
}
RECURRING_UNIT_LABELS = {
    "day": _l("Days"),
    "week": _l("Weeks"),
    "month": _l("Months"),
    "year": _l("Years"),
}
RECURRING_MODE_LABELS = {
    "draft": _l("Leave each invoice as a draft for review"),
    "send": _l("Issue each invoice and email it to the customer"),
}
RECURRING_END_LABELS = {
    "never": _l("Never"),
    "until": _l("On a date"),
    "count": _l("After a number of invoices"),
}

# A customer's or a contact's switch. Both nouns are masculine in French and Spanish
# ("Actif", "Activo"); the context keeps these apart from a form's "Active" field.
ACTIVE_STATUS_LABELS = {
    True: lazy_pgettext("record", "Active"),
    False: lazy_pgettext("record", "Inactive"),
}
# A project's deadline that has passed (a date: "la fecha límite … Vencida").
DEADLINE_OVERDUE = lazy_pgettext("deadline", "Overdue")

TICKET_PRIORITY_LABELS = {
    "low": _l("Low"),
    "medium": _l("Medium"),
    "high": _l("High"),
    "urgent": _l("Urgent"),
}
PAYMENT_MODE_LABELS = {
    "bank_transfer": _l("Bank transfer"),
    "card": _l("Card"),
    "cash": _l("Cash"),
    "cheque": _l("Cheque"),
    "other": _l("Other"),
}
# A statement's movements (app/services/statements/service.py) and its ageing columns.
STATEMENT_LINE_LABELS = {
    "opening": _l("Opening balance"),
    "invoice": lazy_pgettext("statement", "Invoice"),
    "credit": lazy_pgettext("statement", "Credit note"),
    "payment": lazy_pgettext("statement", "Payment"),
    "refund": lazy_pgettext("statement", "Refund"),
}
AGEING_LABELS = {
    "current": _l("Current (not yet due)"),
    "days_1_30": _l("1–30 days"),
    "days_31_60": _l("31–60 days"),
    "days_61_90": _l("61–90 days"),
    "over_90": _l("Over 90 days"),
}
# The client portal's modules, also the names of a contact's permissions.
MODULE_LABELS = {
    "invoices": _l("Invoices"),
    "estimates": _l("Estimates"),
    "contracts": _l("Contracts"),
    "proposals": _l("Proposals"),
    "support": _l("Support"),
    "projects": _l("Projects"),
    "files": _l("Files"),
}

# A contact's email preferences (Contact.email_<topic>): the switch, and what it covers.
EMAIL_TOPIC_LABELS = {
    "invoices": _l("Invoices and reminders"),
    "statements": _l("Statements"),
    "support": MODULE_LABELS["support"],
    "projects": MODULE_LABELS["projects"],
}
EMAIL_TOPIC_HELP = {
    "invoices": _l(
        "Invoices, estimates, proposals, credit notes, payment receipts and payment reminders."
    ),
    "statements": _l("Statements of account."),
    "support": _l("Emails about support tickets."),
    "projects": _l("Emails about projects and their tasks."),
}

ACTIVITY_LABELS = {
    "customer.created": _l("created the customer"),
    "customer.updated": _l("changed the profile"),
    # An import (the subject is its file's name): one line per customer and import
    "customer.imported": _l("created the customer by importing a file"),
    "customer.import_updated": _l("changed the customer by importing a file"),
    "customer.import_undone": _l("undid an import"),
    "customer.activated": _l("activated the customer"),
    "customer.deactivated": _l("deactivated the customer"),
    "contact.created": _l("added a contact"),
    "contact.updated": _l("changed a contact"),
    "contact.made_primary": _l("made a contact primary"),
    "contact.activated": _l("activated a contact"),
    "contact.deactivated": _l("deactivated a contact"),
    "contact.link_sent": _l("emailed a password link to a contact"),
    "contact.welcome_sent": _l("emailed the welcome email to a contact"),
    "contact.profile_updated": _l("changed their own profile in the client portal"),
    "contact.impersonated": _l("opened the client portal as a contact"),
    "contact.impersonation_ended": _l("left the client portal of a contact"),
    "contact.two_step_reset": _l("reset the two-step sign-in of a contact"),
    "contact.erased": _l("erased the personal data of a contact"),
    "customer.erased": _l("erased the personal data of the customer"),
    # Sales documents (the subject is the number)
    "document.sent": _l("sent a document to the customer"),
    "statement.sent": _l("sent a statement of account to the customer"),
    "opening.recorded": _l("recorded an opening balance"),
    "opening.changed": _l("changed an opening balance"),
    "opening.deleted": _l("deleted an opening balance"),
    "document.accepted": _l("accepted an estimate or proposal"),
    "document.declined": _l("declined an estimate or proposal"),
    "document.converted": _l("converted an estimate or proposal"),
    "document.copied": _l("copied a document into a new draft"),
    "document.credited": _l("cancelled an invoice with its credit note"),
    # Recurring invoices (the subject is the amount and interval; of an invoice made, its
    # number, or its date while a draft)
    "recurring.created": _l("created a recurring invoice"),
    "recurring.updated": _l("changed a recurring invoice"),
    "recurring.paused": _l("paused a recurring invoice"),
    "recurring.resumed": _l("resumed a recurring invoice"),
    "recurring.skipped": _l(
        "skipped the dates of a recurring invoice that passed while the customer was deactivated"
    ),
    "recurring.deleted": _l("deleted a recurring invoice"),
    "recurring.invoiced": _l("made an invoice from a recurring invoice"),
    # Contracts
    "contract.created": _l("created a contract"),
    "contract.updated": _l("changed a contract"),
    "contract.unsent": _l("changed a sent contract; it is a draft again until it is sent again"),
    "contract.sent": _l("sent a contract"),
    "contract.signed": _l("signed a contract in the client portal"),
    "contract.renewed": _l("renewed a contract"),
    "contract.deleted": _l("deleted a draft contract"),
    # Projects
    "project.created": _l("created a project"),
    "project.updated": _l("changed a project"),
    "project.status_changed": _l("changed the status of a project"),
    "project.deleted": _l("deleted a project"),
    "project.task_commented": _l("commented on a project task in the client portal"),
    # Files (the subject is the file's name)
    "file.uploaded": _l("added a staff-only file"),
    "file.shared": _l("shared a file with the customer"),
    "file.unshared": _l("made a shared file staff-only"),
    "file.deleted": _l("deleted a file"),
}

FIELD_LABELS = {
    "company": _l("Company"),
    "vat_number": _l("VAT number"),
    "phone": _l("Phone"),
    "website": _l("Website"),
    "address": _l("Address"),
    "city": _l("City"),
    "state": _l("State / region"),
    "zip": _l("Postal code"),
    "country": _l("Country"),
    "billing_street": _l("Billing address"),
    "billing_city": _l("Billing city"),
    "billing_state": _l("Billing state / region"),
    "billing_zip": _l("Billing postal code"),
    "billing_country": _l("Billing country"),
    "shipping_street": _l("Shipping address"),
    "shipping_city": _l("Shipping city"),
    "shipping_state": _l("Shipping state / region"),
    "shipping_zip": _l("Shipping postal code"),
    "shipping_country": _l("Shipping country"),
    "currency": _l("Currency"),
    "language": _l("Language"),
    "payment_reminders": _l("Payment reminders"),
    "groups": _l("Groups"),
    "admins": _l("Customer admins"),
    "first_name": _l("First name"),
    "last_name": _l("Last name"),
    "email": _l("Email"),
    "position": _l("Position"),
    "active": lazy_pgettext("field", "Active"),  # the field's name, not the state
    "next_date": _l("Next invoice date"),
    **{f"perm_{module}": label for module, label in MODULE_LABELS.items()},
    "email_invoices": _l("Emails: invoices and reminders"),
    "email_statements": _l("Emails: statements"),
    "email_support": _l("Emails: support"),
    "email_projects": _l("Emails: projects"),
}


def label(labels: dict, key: str):
    """The word for `key` in `labels`, else the key itself (a value stored before its word)."""
    return labels.get(key, key)


def kind_label(kind: str, form: int = 0):
    """A document kind: 0 'Invoice', 1 'Invoices', 2 'New invoice'."""
    return KIND_LABELS[kind][form]


def document_status_label(status: str, kind: str | None = None):
    """A sales document's status in words (a proposal's agree with it, see above)."""
    if kind == "proposal" and status in PROPOSAL_STATUS_LABELS:
        return PROPOSAL_STATUS_LABELS[status]
    if kind == "credit" and status in CREDIT_NOTE_STATUS_LABELS:
        return CREDIT_NOTE_STATUS_LABELS[status]
    return label(DOCUMENT_STATUS_LABELS, status)


# What stands for a draft invoice's number until it is issued (lists, its page, its PDF).
UNNUMBERED = lazy_pgettext("document number", "Draft")


def document_number(document):
    """A document's number, or 'Draft' for an invoice or credit note not issued yet."""
    return document.number or UNNUMBERED


def document_title(document):
    """A document in a browser tab: its number, or 'Invoice (draft)' before it has one."""
    return document.number or DRAFT_TITLE % {"kind": kind_label(document.kind)}


DRAFT_TITLE = _l("%(kind)s (draft)")

# The button that issues a document: its past participle agrees with the kind in French and
# Spanish (une facture envoyée, un devis envoyé).
MARK_AS_SENT = {
    "invoice": lazy_pgettext("invoice", "Mark as sent"),
    "estimate": lazy_pgettext("estimate", "Mark as sent"),
    "proposal": lazy_pgettext("proposal", "Mark as sent"),
    "credit": lazy_pgettext("credit note", "Mark as sent"),
}

# Payment reminders (app/services/sales/reminders.py), by stage.
REMINDER_STAGE_LABELS = {
    "before": _l("Reminder before the due date"),
    "after_1": _l("First reminder"),
    "after_2": _l("Second reminder"),
    "after_3": _l("Third reminder"),
}


def mark_as_sent_label(kind: str):
    """'Mark as sent', agreeing with the document's kind."""
    return MARK_AS_SENT[kind]


def active_label(active: bool):
    """A customer's or contact's state: 'Active' or 'Inactive'."""
    return ACTIVE_STATUS_LABELS[bool(active)]


def interval_label(count: int, unit: str) -> str:
    """A recurring invoice's interval in words: 'Every month', 'Every 2 months'."""
    words = {
        "day": lambda n: ngettext("Every day", "Every %(num)d days", n),
        "week": lambda n: ngettext("Every week", "Every %(num)d weeks", n),
        "month": lambda n: ngettext("Every month", "Every %(num)d months", n),
        "year": lambda n: ngettext("Every year", "Every %(num)d years", n),
    }
    return words[unit](count) if unit in words else f"{count} {unit}"


# One look-up per dict, for templates and services: ticket_status_label("open") -> "Open".
contract_status_label = partial(label, CONTRACT_STATUS_LABELS)
article_status_label = partial(label, ARTICLE_STATUS_LABELS)
ticket_status_label = partial(label, TICKET_STATUS_LABELS)
ticket_priority_label = partial(label, TICKET_PRIORITY_LABELS)
project_status_label = partial(label, PROJECT_STATUS_LABELS)
task_status_label = partial(label, TASK_STATUS_LABELS)
outbox_status_label = partial(label, OUTBOX_STATUS_LABELS)
recurring_status_label = partial(label, RECURRING_STATUS_LABELS)
import_status_label = partial(label, IMPORT_STATUS_LABELS)
payment_mode_label = partial(label, PAYMENT_MODE_LABELS)
statement_line_label = partial(label, STATEMENT_LINE_LABELS)
module_label = partial(label, MODULE_LABELS)
reminder_stage_label = partial(label, REMINDER_STAGE_LABELS)
activity_label = partial(label, ACTIVITY_LABELS)
_field_label = partial(label, FIELD_LABELS)


def field_name(key: str):
    """A changed field in the Activity: a custom field is logged as `custom:<its label>`."""
    return key.removeprefix("custom:") if key.startswith("custom:") else _field_label(key)


# A person's security log (app/services/security_log.py): one line per event code.
SECURITY_EVENT_LABELS = {
    "sign_in": _l("Signed in"),
    "sign_in_failed": _l("Failed sign-in: wrong password"),
    "sign_out": _l("Signed out"),
    "session_ended": _l("Ended another session"),
    "sessions_ended": _l("Ended all other sessions"),
    "sessions_ended_by_admin": _l("All sessions ended by an administrator"),
    "reset_link_sent": _l("Password reset link sent by an administrator"),
    "password_changed": _l("Password changed"),
    "password_reset": _l("Password chosen through an emailed link"),
    "email_changed": _l("Email address changed"),
    "totp_enabled": _l("Two-step sign-in turned on"),
    "totp_disabled": _l("Two-step sign-in turned off"),
    "totp_reset_by_admin": _l("Two-step sign-in reset by an administrator"),
    "recovery_codes_renewed": _l("New recovery codes made"),
    "recovery_code_used": _l("Signed in with a recovery code"),
}
security_event_label = partial(label, SECURITY_EVENT_LABELS)

# Settings → Custom fields: the records a field belongs to, its types, the form's sections.
CUSTOM_ENTITY_LABELS = {
    "customer": _l("Customers"),
    "contact": _l("Contacts"),
    **{kind: KIND_LABELS[kind][1] for kind in ("invoice", "estimate", "proposal")},
    "contract": _l("Contracts"),
    "project": _l("Projects"),
    "ticket": _l("Tickets"),
}
CUSTOM_FIELD_TYPE_LABELS = {
    "text": _l("Text"),
    "long_text": _l("Long text"),
    "number": _l("Number"),
    "date": _l("Date"),
    "yes_no": _l("Yes / no"),
    "choice": _l("One choice"),
    "choices": _l("Several choices"),
    "link": _l("Link"),
}
custom_entity_label = partial(label, CUSTOM_ENTITY_LABELS)
custom_type_label = partial(label, CUSTOM_FIELD_TYPE_LABELS)
CUSTOM_SECTION_LABELS = {
    "details": _l("Customer details"),
    "billing": _l("Billing & shipping"),
    "advanced": _l("Advanced options"),
}

PRIVACY_KIND_LABELS = {
    "export": lazy_pgettext("privacy request", "Export"),
    "erase": lazy_pgettext("privacy request", "Erasure"),
}
PRIVACY_STATUS_LABELS = {
    "requested": lazy_pgettext("privacy request status", "Requested"),
    "done": lazy_pgettext("privacy request status", "Done"),
    "refused": lazy_pgettext("privacy request status", "Refused"),
}
privacy_kind_label = partial(label, PRIVACY_KIND_LABELS)
privacy_status_label = partial(label, PRIVACY_STATUS_LABELS)
