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

# Payment reminders (app/services/sales/reminders.py): before and after the due date.
INVOICE_REMINDER = CONTACT + (
    "invoice_number",
    "invoice_total",
    "invoice_amount_due",
    "invoice_due_date",
    "invoice_url",
)
MORE_SPECS += [
    TemplateSpec(
        "payment_reminder_before",
        "invoices",
        _l("Payment reminder (before the due date)"),
        INVOICE_REMINDER + ("invoice_days_left",),
        _l("Reminder: invoice {invoice_number} is due on {invoice_due_date}"),
        _l(
            "<p>Hello {contact_firstname},</p><p>This is a reminder that invoice "
            "{invoice_number} of {invoice_total} is due on {invoice_due_date}. Amount due: "
            '{invoice_amount_due}.</p><p>You can view and download it here: <a href="'
            '{invoice_url}">{invoice_url}</a></p><p>If you have already paid, please ignore this '
            "email.</p><p>Kind regards,<br>{company_name}</p>"
        ),
    ),
    TemplateSpec(
        "payment_reminder_after",
        "invoices",
        _l("Payment reminder (after the due date)"),
        INVOICE_REMINDER + ("invoice_days_overdue",),
        _l("Payment reminder: invoice {invoice_number} is overdue"),
        _l(
            "<p>Hello {contact_firstname},</p><p>Invoice {invoice_number} of {invoice_total}, "
            "due on {invoice_due_date}, has not been paid in full. Amount due: "
            "{invoice_amount_due} (days overdue: {invoice_days_overdue}).</p><p>You can view and "
            'download it here: <a href="{invoice_url}">{invoice_url}</a></p><p>If you have '
            "already paid, please ignore this email.</p><p>Kind regards,<br>{company_name}</p>"
        ),
    ),
]
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

# A customer's statement of account, its PDF attached (app/services/statements/documents.py).
MORE_SPECS.append(
    TemplateSpec(
        "statement",
        "invoices",
        _l("Statement of account"),
        CONTACT + ("statement_period", "statement_balance", "statement_url"),
        _l("Statement of account from {company_name}"),
        _l(
            "<p>Hello {contact_firstname},</p><p>Please find attached your statement of account, "
            "{statement_period}.</p><p>Customer: {client_company}<br>Balance: {statement_balance}"
            '</p><p>You can also read it in the client portal: <a href="{statement_url}">'
            "{statement_url}</a></p><p>Kind regards,<br>{company_name}</p>"
        ),
    )
)

# A staff member's own reminder on a customer or record (app/services/reminders/sending.py).
MORE_SPECS.append(
    TemplateSpec(
        "reminder_staff",
        "customers",
        _l("Reminder (to staff)"),
        (
            "staff_firstname",
            "reminder_description",
            "reminder_due",
            "reminder_about",
            "reminder_url",
            "company_name",
        ),  # fmt: skip
        _l("Reminder: {reminder_description}"),
        _l(
            "<p>Hello {staff_firstname},</p><p>Your reminder for {reminder_due}, about "
            "{reminder_about}:</p><blockquote>{reminder_description}</blockquote><p><a href="
            '"{reminder_url}">{reminder_url}</a></p>'
        ),
    )
)
