"""The email templates of contracts, projects and credit notes, and the notices added since
(the registry imports them after its own: app/services/mail/registry.py)."""

from flask_babel import lazy_gettext as _l

from app.services.mail.template_spec import CONTACT, STAFF_CONTRACT, TemplateSpec

MORE_SPECS = [
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
MORE_SPECS.append(
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
MORE_SPECS.append(
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

# Credit notes: sent like an invoice, PDF attached (app/services/sales/mailing.py).
MORE_SPECS.append(
    TemplateSpec(
        "credit_note",
        "invoices",
        _l("Send a credit note"),
        CONTACT + ("credit_note_number", "credit_note_total", "invoice_number", "credit_note_url"),
        _l("Credit note {credit_note_number} from {company_name}"),
        _l(
            "<p>Hello {contact_firstname},</p><p>Please find credit note {credit_note_number} of "
            "{credit_note_total}.</p><p>You can view and download it here: <a href="
            '"{credit_note_url}">{credit_note_url}</a></p><p>Kind regards,<br>{company_name}</p>'
        ),
    )
)
