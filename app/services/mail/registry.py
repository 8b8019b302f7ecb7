"""The email templates staff can edit: groups, merge fields, shipped defaults (translated)."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

CONTACT = ("contact_firstname", "contact_lastname", "client_company", "company_name")
GROUPS = {
    "customers": _l("Customers"),
    "invoices": _l("Invoices"),
    "estimates": _l("Estimates"),
    "proposals": _l("Proposals"),
    "support": _l("Support"),
    "contracts": _l("Contracts"),
    "projects": _l("Projects"),
}
STAFF_CONTRACT = (
    "staff_firstname",
    "client_company",
    "contract_subject",
    "contract_end_date",
    "contract_admin_url",
    "company_name",
)


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    group: str
    name: object
    fields: tuple[str, ...]
    subject: object
    body: object


SPECS = [
    TemplateSpec(
        "welcome",
        "customers",
        _l("New customer created (welcome email)"),
        CONTACT + ("portal_url", "set_password_url"),
        _l("Welcome to the client portal of {company_name}"),
        _l(
            "<p>Hello {contact_firstname},</p><p>{company_name} has opened a client portal for "
            "{client_company}. There you will find your invoices, estimates and support requests."
            '</p><p>Choose your password here: <a href="{set_password_url}">{set_password_url}'
            '</a></p><p>Then sign in at <a href="{portal_url}">{portal_url}</a> with this email '
            "address.</p><p>Kind regards,<br>{company_name}</p>"
        ),
    ),
    TemplateSpec(
        "contact_added",
        "customers",
        _l("New contact added"),
        CONTACT + ("portal_url", "set_password_url"),
        _l("Your access to the client portal of {company_name}"),
        _l(
            "<p>Hello {contact_firstname},</p><p>You have been added as a contact of "
            "{client_company} in the client portal of {company_name}.</p><p>Choose your password "
            'here: <a href="{set_password_url}">{set_password_url}</a></p><p>Then sign in at '
            '<a href="{portal_url}">{portal_url}</a>.</p><p>Kind regards,<br>{company_name}</p>'
        ),
    ),
    TemplateSpec(
        "set_password",
        "customers",
        _l("Set or reset the portal password"),
        CONTACT + ("set_password_url", "link_valid_for"),
        _l("Choose your client portal password"),
        _l(
            "<p>Hello {contact_firstname},</p><p>To choose your password for the client portal "
            'of {company_name}, open this link within {link_valid_for}:</p><p><a href="'
            '{set_password_url}">{set_password_url}</a></p><p>The link works once. If you did not '
            "ask for it, you can ignore this email.</p><p>Kind regards,<br>{company_name}</p>"
        ),
    ),
    TemplateSpec(
        "invoice_send",
        "invoices",
        _l("Send an invoice"),
        CONTACT + ("invoice_number", "invoice_total", "invoice_due_date", "invoice_url"),
        _l("Invoice {invoice_number} from {company_name}"),
        _l(
            "<p>Hello {contact_firstname},</p><p>Please find invoice {invoice_number} of "
            "{invoice_total}, due on {invoice_due_date}.</p><p>You can view and download it "
            'here: <a href="{invoice_url}">{invoice_url}</a></p><p>Kind regards,<br>'
            "{company_name}</p>"
        ),
    ),
    TemplateSpec(
        "payment_received",
        "invoices",
        _l("Payment received"),
        CONTACT + ("invoice_number", "payment_amount", "invoice_url"),
        _l("Payment received for invoice {invoice_number}"),
        _l(
            "<p>Hello {contact_firstname},</p><p>We have received your payment of "
            '{payment_amount} for invoice {invoice_number}. Thank you.</p><p><a href="'
            '{invoice_url}">{invoice_url}</a></p><p>Kind regards,<br>{company_name}</p>'
        ),
    ),
    TemplateSpec(
        "estimate_send",
        "estimates",
        _l("Send an estimate"),
        CONTACT + ("estimate_number", "estimate_total", "estimate_expiry_date", "estimate_url"),
        _l("Estimate {estimate_number} from {company_name}"),
        _l(
            "<p>Hello {contact_firstname},</p><p>Please find our estimate {estimate_number} of "
            "{estimate_total}, valid until {estimate_expiry_date}.</p><p>You can read it and "
            'accept or decline it here: <a href="{estimate_url}">{estimate_url}</a></p><p>Kind '
            "regards,<br>{company_name}</p>"
        ),
    ),
    TemplateSpec(
        "estimate_answered_staff",
        "estimates",
        _l("Estimate accepted or declined (to staff)"),
        (
            "staff_firstname",
            "client_company",
            "estimate_number",
            "estimate_status",
            "estimate_admin_url",
            "company_name",
        ),
        _l("Estimate {estimate_number}: {estimate_status} by {client_company}"),
        _l(
            "<p>Hello {staff_firstname},</p><p>{client_company} has answered estimate "
            '{estimate_number}: {estimate_status}.</p><p><a href="{estimate_admin_url}">'
            "{estimate_admin_url}</a></p>"
        ),
    ),
    TemplateSpec(
        "proposal_send",
        "proposals",
        _l("Send a proposal"),
        CONTACT + ("proposal_number", "proposal_total", "proposal_expiry_date", "proposal_url"),
        _l("Proposal {proposal_number} from {company_name}"),
        _l(
            "<p>Hello {contact_firstname},</p><p>Please find our proposal {proposal_number} of "
            "{proposal_total}, valid until {proposal_expiry_date}.</p><p>You can read it and "
            'accept or decline it here: <a href="{proposal_url}">{proposal_url}</a></p><p>Kind '
            "regards,<br>{company_name}</p>"
        ),
    ),
    TemplateSpec(
        "proposal_answered_staff",
        "proposals",
        _l("Proposal accepted or declined (to staff)"),
        (
            "staff_firstname",
            "client_company",
            "proposal_number",
            "proposal_status",
            "proposal_admin_url",
            "company_name",
        ),
        _l("Proposal {proposal_number}: {proposal_status} by {client_company}"),
        _l(
            "<p>Hello {staff_firstname},</p><p>{client_company} has answered proposal "
            '{proposal_number}: {proposal_status}.</p><p><a href="{proposal_admin_url}">'
            "{proposal_admin_url}</a></p>"
        ),
    ),
    TemplateSpec(
        "ticket_opened_contact",
        "support",
        _l("Ticket opened (to the contact)"),
        CONTACT + ("ticket_number", "ticket_subject", "ticket_url"),
        _l("We have received your request [#{ticket_number}]"),
        _l(
            "<p>Hello {contact_firstname},</p><p>We have received your request "
            '\u201c{ticket_subject}\u201d and will answer soon.</p><p>Follow it here: <a href="'
            '{ticket_url}">{ticket_url}</a></p><p>Kind regards,<br>{company_name}</p>'
        ),
    ),
    TemplateSpec(
        "ticket_reply_contact",
        "support",
        _l("New reply (to the contact)"),
        CONTACT + ("ticket_number", "ticket_subject", "ticket_reply", "ticket_url"),
        _l("New reply to your request [#{ticket_number}]"),
        _l(
            "<p>Hello {contact_firstname},</p><p>We have answered your request "
            "\u201c{ticket_subject}\u201d:</p><blockquote>{ticket_reply}</blockquote><p>Reply "
            'here: <a href="{ticket_url}">{ticket_url}</a></p><p>Kind regards,<br>'
            "{company_name}</p>"
        ),
    ),
    TemplateSpec(
        "ticket_opened_staff",
        "support",
        _l("Ticket opened (to staff)"),
        (
            "staff_firstname",
            "client_company",
            "ticket_number",
            "ticket_subject",
            "ticket_admin_url",
            "company_name",
        ),
        _l("New ticket [#{ticket_number}] from {client_company}"),
        _l(
            "<p>Hello {staff_firstname},</p><p>{client_company} has opened the ticket "
            '\u201c{ticket_subject}\u201d.</p><p><a href="{ticket_admin_url}">{ticket_admin_url}'
            "</a></p>"
        ),
    ),
    TemplateSpec(
        "ticket_reply_staff",
        "support",
        _l("New reply (to staff)"),
        (
            "staff_firstname",
            "client_company",
            "ticket_number",
            "ticket_subject",
            "ticket_reply",
            "ticket_admin_url",
            "company_name",
        ),
        _l("New reply on ticket [#{ticket_number}] from {client_company}"),
        _l(
            "<p>Hello {staff_firstname},</p><p>{client_company} has replied on the ticket "
            '\u201c{ticket_subject}\u201d:</p><blockquote>{ticket_reply}</blockquote><p><a href="'
            '{ticket_admin_url}">{ticket_admin_url}</a></p>'
        ),
    ),
    # Contracts
    TemplateSpec(
        "contract_send",
        "contracts",
        _l("Send a contract"),
        CONTACT + ("contract_subject", "contract_value", "contract_end_date", "contract_url"),
        _l("Contract \u201c{contract_subject}\u201d from {company_name}"),
        _l(
            "<p>Hello {contact_firstname},</p><p>Please find our contract \u201c{contract_subject}"
            "\u201d ({contract_value}, until {contract_end_date}).</p><p>You can read it, "
            'download it and sign it here: <a href="{contract_url}">{contract_url}</a></p>'
            "<p>Kind regards,<br>{company_name}</p>"
        ),
    ),
    TemplateSpec(
        "contract_signed_staff",
        "contracts",
        _l("Contract signed (to staff)"),
        STAFF_CONTRACT + ("contract_signed_name",),
        _l("Contract signed by {client_company}: {contract_subject}"),
        _l(
            "<p>Hello {staff_firstname},</p><p>{contract_signed_name} has signed the contract "
            '\u201c{contract_subject}\u201d for {client_company}.</p><p><a href="'
            '{contract_admin_url}">{contract_admin_url}</a></p>'
        ),
    ),
    TemplateSpec(
        "contract_reminder_staff",
        "contracts",
        _l("Contract ending soon (to staff)"),
        STAFF_CONTRACT,
        _l("Contract ending on {contract_end_date}: {contract_subject}"),
        _l(
            "<p>Hello {staff_firstname},</p><p>The contract \u201c{contract_subject}\u201d with "
            "{client_company} ends on {contract_end_date}. Renew it in time if it should go on."
            '</p><p><a href="{contract_admin_url}">{contract_admin_url}</a></p>'
        ),
    ),
]

# Projects
SPECS.append(
    TemplateSpec(
        "task_comment_staff",
        "projects",
        _l("Comment on a project task (to staff)"),
        (
            "staff_firstname",
            "client_company",
            "contact_name",
            "project_name",
            "task_name",
            "task_comment",
            "project_admin_url",
            "company_name",
        ),
        _l("New comment on \u201c{task_name}\u201d ({project_name}, {client_company})"),
        _l(
            "<p>Hello {staff_firstname},</p><p>{contact_name} of {client_company} has commented "
            "on the task \u201c{task_name}\u201d of the project \u201c{project_name}\u201d:</p>"
            '<blockquote>{task_comment}</blockquote><p><a href="{project_admin_url}">'
            "{project_admin_url}</a></p>"
        ),
    )
)

# A contact's sign-in address changed by staff: the old address is told.
SPECS.append(
    TemplateSpec(
        "contact_email_changed",
        "customers",
        _l("Sign-in email changed (to the old address)"),
        CONTACT + ("contact_new_email", "changed_by"),
        _l("Your client portal email address was changed"),
        _l(
            "<p>Hello {contact_firstname},</p><p>{changed_by} of {company_name} has changed the "
            "email address you use to sign into the client portal to {contact_new_email}. From "
            "now on, sign in and receive our emails at that address.</p><p>If you did not expect "
            "this change, reply to this email or contact {company_name} at once.</p><p>Kind "
            "regards,<br>{company_name}</p>"
        ),
    )
)

BY_KEY = {spec.key: spec for spec in SPECS}
