"""The email templates staff can edit: groups, merge fields, shipped defaults (translated)."""

from flask_babel import lazy_gettext as _l

from app.services.mail.registry_more import MORE_SPECS
from app.services.mail.template_spec import CONTACT, TemplateSpec

GROUPS = {
    "customers": _l("Customers"),
    "invoices": _l("Invoices"),
    "estimates": _l("Estimates"),
    "proposals": _l("Proposals"),
    "support": _l("Support"),
    "contracts": _l("Contracts"),
    "projects": _l("Projects"),
}


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
] + MORE_SPECS

BY_KEY = {spec.key: spec for spec in SPECS}
