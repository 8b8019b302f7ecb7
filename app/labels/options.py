"""The words of the other stored choices: portal modules, email topics, ticket priorities,
article visibility, custom fields and privacy requests."""

from functools import partial

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from app.labels import label
from app.labels.sales import KIND_LABELS

ARTICLE_VISIBILITY_LABELS = {
    "public": _l("Public: anyone with the link"),
    "portal": _l("Client portal: signed-in contacts only"),
}

TICKET_PRIORITY_LABELS = {
    "low": _l("Low"),
    "medium": _l("Medium"),
    "high": _l("High"),
    "urgent": _l("Urgent"),
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

ticket_priority_label = partial(label, TICKET_PRIORITY_LABELS)

module_label = partial(label, MODULE_LABELS)

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

privacy_kind_label = partial(label, PRIVACY_KIND_LABELS)
