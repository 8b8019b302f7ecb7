"""The words of every stored status, one `*_STATUS_LABELS` dict per kind of record.

A status word takes a context ("status", or a narrower one where French or Spanish agree
with the thing's gender), so that the same English word elsewhere — the verb *Open*, the
report column *Paid* — is translated on its own. `flask translate check` reads every dict named
`*_STATUS_LABELS` here and fails when one of its words is used elsewhere under the same context.
"""

from functools import partial

from flask_babel import lazy_pgettext

from app.labels import label

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

# A customer's or a contact's switch. Both nouns are masculine in French and Spanish
# ("Actif", "Activo"); the context keeps these apart from a form's "Active" field.
ACTIVE_STATUS_LABELS = {
    True: lazy_pgettext("record", "Active"),
    False: lazy_pgettext("record", "Inactive"),
}
# A project's deadline that has passed (a date: "la fecha límite … Vencida").
DEADLINE_OVERDUE = lazy_pgettext("deadline", "Overdue")


def document_status_label(status: str, kind: str | None = None):
    """A sales document's status in words (a proposal's agree with it, see above)."""
    if kind == "proposal" and status in PROPOSAL_STATUS_LABELS:
        return PROPOSAL_STATUS_LABELS[status]
    if kind == "credit" and status in CREDIT_NOTE_STATUS_LABELS:
        return CREDIT_NOTE_STATUS_LABELS[status]
    return label(DOCUMENT_STATUS_LABELS, status)


def active_label(active: bool):
    """A customer's or contact's state: 'Active' or 'Inactive'."""
    return ACTIVE_STATUS_LABELS[bool(active)]


# One look-up per dict, for templates and services: ticket_status_label("open") -> "Open".
contract_status_label = partial(label, CONTRACT_STATUS_LABELS)
article_status_label = partial(label, ARTICLE_STATUS_LABELS)
ticket_status_label = partial(label, TICKET_STATUS_LABELS)

project_status_label = partial(label, PROJECT_STATUS_LABELS)
task_status_label = partial(label, TASK_STATUS_LABELS)
outbox_status_label = partial(label, OUTBOX_STATUS_LABELS)
recurring_status_label = partial(label, RECURRING_STATUS_LABELS)
import_status_label = partial(label, IMPORT_STATUS_LABELS)

PRIVACY_STATUS_LABELS = {
    "requested": lazy_pgettext("privacy request status", "Requested"),
    "done": lazy_pgettext("privacy request status", "Done"),
    "refused": lazy_pgettext("privacy request status", "Refused"),
}

privacy_status_label = partial(label, PRIVACY_STATUS_LABELS)
