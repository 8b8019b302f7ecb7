"""The words of sales documents, payments, statements, reminders and recurring invoices."""

from functools import partial

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext, ngettext

from app.labels import label

KIND_LABELS = {
    "invoice": (_l("Invoice"), _l("Invoices"), _l("New invoice")),
    "estimate": (_l("Estimate"), _l("Estimates"), _l("New estimate")),
    "proposal": (_l("Proposal"), _l("Proposals"), _l("New proposal")),
    "credit": (_l("Credit note"), _l("Credit notes"), _l("New credit note")),
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


def kind_label(kind: str, form: int = 0):
    """A document kind: 0 'Invoice', 1 'Invoices', 2 'New invoice'."""
    return KIND_LABELS[kind][form]


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


def interval_label(count: int, unit: str) -> str:
    """A recurring invoice's interval in words: 'Every month', 'Every 2 months'."""
    words = {
        "day": lambda n: ngettext("Every day", "Every %(num)d days", n),
        "week": lambda n: ngettext("Every week", "Every %(num)d weeks", n),
        "month": lambda n: ngettext("Every month", "Every %(num)d months", n),
        "year": lambda n: ngettext("Every year", "Every %(num)d years", n),
    }
    return words[unit](count) if unit in words else f"{count} {unit}"


payment_mode_label = partial(label, PAYMENT_MODE_LABELS)
statement_line_label = partial(label, STATEMENT_LINE_LABELS)

reminder_stage_label = partial(label, REMINDER_STAGE_LABELS)
