"""What the Activity and a person's security log say: one line per action or event code, and
the name of each changed field."""

from functools import partial

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from app.labels import label
from app.labels.options import MODULE_LABELS

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
