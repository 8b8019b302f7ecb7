"""Who may open each endpoint. Every endpoint of the app must be listed here.

public  - anyone, signed in or not
staff   - a signed-in staff member whose role grants the endpoint's capability (the "Team
          member" role: every module but settings and staff); others go to the staff sign-in page
admin   - settings, staff and roles: Team members get 403 (each dashboard endpoint's capability
          is declared in app/blueprints/admin/capabilities/table.py; tests/admin/test_role_matrix.py
          tries each against roles lacking it)
contact - a signed-in portal contact; others go to the portal sign-in page
"""

import re

ACCESS = {
    "static": "public",
    "site.home": "public",
    "site.set_language": "public",
    "site.logo": "public",
    "site.service_worker": "public",
    "site.offline": "public",
    "health.healthz": "public",
    "auth.login": "public",
    "auth.logout": "public",
    "auth.forgot_password": "public",
    "auth.reset_password": "public",
    "auth.accept_invitation": "public",
    "auth.confirm_email": "public",
    "admin.profile": "staff",
    "admin.profile_password": "staff",
    "admin.profile_security": "staff",
    "admin.profile_session_end": "staff",
    "admin.profile_sessions_end_others": "staff",
    "admin.staff_security": "admin",
    "admin.staff_sessions_end": "admin",
    # Two-step sign-in: the code page, set-up and turn-off on each profile, Settings → Security
    "auth.login_code": "public",
    "portal.login_code": "public",
    "admin.two_step_setup": "staff",
    "admin.two_step_codes": "staff",
    "admin.two_step_off": "staff",
    "portal.two_step_setup": "contact",
    "portal.two_step_codes": "contact",
    "portal.two_step_off": "contact",
    "admin.settings_security": "admin",
    "admin.staff_two_step_reset": "admin",
    "admin.customer_contact_two_step_reset": "staff",
    "portal.login": "public",
    "portal.logout": "public",
    "portal.forgot_password": "public",
    "portal.set_password": "public",
    "portal.dashboard": "contact",
    "portal.invoice_list": "contact",
    "portal.estimate_list": "contact",
    "portal.contract_list": "contact",
    "portal.proposal_list": "contact",
    "portal.ticket_list": "contact",
    "portal.project_list": "contact",
    "portal.profile": "contact",
    "portal.password_change": "contact",
    "portal.profile_emails": "contact",
    "portal.profile_export": "contact",
    "portal.profile_erase_request": "contact",
    "portal.profile_security": "contact",
    "portal.profile_session_end": "contact",
    "portal.profile_sessions_end_others": "contact",
    "portal.end_impersonation": "contact",
    "admin.customer_contact_view_as": "admin",
    "admin.dashboard": "staff",
    "admin.first_run": "admin",
    "admin.customer_list": "staff",
    "admin.customer_export": "staff",
    "admin.customer_export_xlsx": "staff",
    "admin.customer_create": "staff",
    "admin.customer_detail": "staff",
    "admin.customer_toggle_active": "staff",
    "admin.customer_delete": "staff",
    "admin.customer_contacts": "staff",
    "admin.customer_activity": "staff",
    "admin.customer_contact_create": "staff",
    "admin.customer_contact_edit": "staff",
    "admin.customer_contact_primary": "staff",
    "admin.customer_contact_active": "staff",
    "admin.customer_contact_send_link": "staff",
    "admin.customer_contact_export": "staff",
    "admin.customer_contact_erase": "admin",
    "admin.customer_erase": "admin",
    "admin.privacy_request_list": "admin",
    "admin.privacy_request_refuse": "admin",
    "admin.privacy_request_erase": "admin",
    "admin.customer_email_resend": "staff",
    "admin.customer_notes": "staff",
    "admin.customer_note_edit": "staff",
    "admin.customer_note_pin": "staff",
    "admin.customer_note_delete": "staff",
    "admin.customer_files": "staff",
    "admin.import_list": "staff",
    "admin.import_detail": "staff",
    "admin.import_state": "staff",
    "admin.import_start": "staff",
    "admin.import_undo": "staff",
    "admin.import_refused_csv": "staff",
    "admin.import_refused_xlsx": "staff",
    "admin.customer_file_download": "staff",
    "admin.customer_file_share": "staff",
    "admin.customer_file_delete": "staff",
    "portal.file_list": "contact",
    "portal.file_download": "contact",
    "admin.customer_reminders": "staff",
    "admin.invoice_reminders": "staff",
    "admin.estimate_reminders": "staff",
    "admin.contract_reminders": "staff",
    "admin.ticket_reminders": "staff",
    "admin.reminder_list": "staff",
    "admin.reminder_done": "staff",
    "admin.reminder_snooze": "staff",
    "admin.ticket_list": "staff",
    "admin.ticket_create": "staff",
    "admin.ticket_detail": "staff",
    "admin.ticket_update": "staff",
    "admin.ticket_attachment": "staff",
    "admin.customer_tickets": "staff",
    "admin.custom_field_list": "admin",
    "admin.custom_field_create": "admin",
    "admin.custom_field_edit": "admin",
    "admin.custom_field_delete": "admin",
    "admin.department_list": "admin",
    "admin.department_edit": "admin",
    "admin.department_delete": "admin",
    "portal.ticket_create": "contact",
    "portal.ticket_detail": "contact",
    "portal.ticket_close": "contact",
    "portal.ticket_attachment": "contact",
    "admin.sales_index": "staff",
    "admin.invoice_list": "staff",
    "admin.invoice_create": "staff",
    "admin.invoice_detail": "staff",
    "admin.invoice_edit": "staff",
    "admin.invoice_pdf": "staff",
    "admin.invoice_issue": "staff",
    "admin.invoice_send": "staff",
    "admin.invoice_cancel": "staff",
    "admin.invoice_payment": "staff",
    "admin.invoice_credit": "staff",
    "admin.credit_list": "staff",
    "admin.credit_create": "staff",
    "admin.credit_detail": "staff",
    "admin.credit_edit": "staff",
    "admin.credit_pdf": "staff",
    "admin.credit_issue": "staff",
    "admin.credit_send": "staff",
    "admin.credit_copy": "staff",
    "admin.credit_apply": "staff",
    "admin.credit_application_remove": "staff",
    "admin.credit_refund": "staff",
    "admin.estimate_list": "staff",
    "admin.estimate_create": "staff",
    "admin.estimate_detail": "staff",
    "admin.estimate_edit": "staff",
    "admin.estimate_pdf": "staff",
    "admin.estimate_issue": "staff",
    "admin.estimate_send": "staff",
    "admin.estimate_answer": "staff",
    "admin.estimate_convert": "staff",
    "admin.proposal_list": "staff",
    "admin.proposal_create": "staff",
    "admin.proposal_detail": "staff",
    "admin.proposal_edit": "staff",
    "admin.proposal_pdf": "staff",
    "admin.proposal_issue": "staff",
    "admin.proposal_send": "staff",
    "admin.proposal_answer": "staff",
    "admin.proposal_convert": "staff",
    "admin.invoice_copy": "staff",
    "admin.estimate_copy": "staff",
    "admin.proposal_copy": "staff",
    "admin.customer_proposals": "staff",
    "admin.customer_invoices": "staff",
    "admin.customer_credit_notes": "staff",
    "admin.customer_openings": "staff",
    "admin.customer_opening_edit": "staff",
    "admin.customer_opening_delete": "staff",
    "admin.customer_opening_payment": "staff",
    "admin.customer_statement": "staff",
    "admin.customer_statement_pdf": "staff",
    "admin.customer_statement_send": "staff",
    "admin.customer_estimates": "staff",
    "admin.recurring_list": "staff",
    "admin.recurring_create": "staff",
    "admin.recurring_detail": "staff",
    "admin.recurring_edit": "staff",
    "admin.recurring_pause": "staff",
    "admin.recurring_resume": "staff",
    "admin.recurring_delete": "staff",
    "admin.customer_recurring_invoices": "staff",
    "admin.tax_list": "admin",
    "admin.tax_edit": "admin",
    "admin.tax_delete": "admin",
    "portal.invoice_detail": "contact",
    "portal.invoice_pdf": "contact",
    "portal.credit_list": "contact",
    "portal.credit_detail": "contact",
    "portal.credit_pdf": "contact",
    "portal.statement_show": "contact",
    "portal.statement_pdf_download": "contact",
    "portal.estimate_detail": "contact",
    "portal.estimate_pdf": "contact",
    "portal.estimate_answer": "contact",
    "portal.proposal_detail": "contact",
    "portal.proposal_pdf": "contact",
    "portal.proposal_answer": "contact",
    "admin.report_index": "staff",
    "admin.report_groups": "staff",
    "admin.report_groups_csv": "staff",
    "admin.report_groups_xlsx": "staff",
    "admin.report_ageing": "staff",
    "admin.report_ageing_csv": "staff",
    "admin.report_ageing_xlsx": "staff",
    "admin.report_journal": "staff",
    "admin.report_journal_csv": "staff",
    "admin.report_journal_xlsx": "staff",
    "admin.report_vat": "staff",
    "admin.report_vat_csv": "staff",
    "admin.report_vat_xlsx": "staff",
    "admin.report_customers": "staff",
    "admin.customer_quick": "staff",
    "admin.ticket_choose": "staff",
    "admin.group_list": "staff",
    "admin.group_rename": "staff",
    "admin.group_delete": "staff",
    "admin.settings_index": "admin",
    "admin.staff_list": "admin",
    "admin.staff_invite": "admin",
    "admin.staff_edit": "admin",
    "admin.staff_deactivate": "admin",
    "admin.staff_reactivate": "admin",
    "admin.staff_resend_invitation": "admin",
    "admin.staff_send_reset": "admin",
    "admin.role_list": "admin",
    "admin.role_create": "admin",
    "admin.role_edit": "admin",
    "admin.role_delete": "admin",
    "admin.settings_company": "admin",
    "admin.settings_localization": "admin",
    "admin.settings_email": "admin",
    "admin.settings_email_test": "admin",
    "admin.settings_finance": "admin",
    "admin.settings_document_texts": "admin",
    "admin.settings_payment_reminders": "admin",
    "admin.outbox_list": "admin",
    "admin.outbox_retry": "admin",
    "admin.currency_list": "admin",
    "admin.currency_edit": "admin",
    "admin.currency_default": "admin",
    "admin.currency_delete": "admin",
    "admin.email_template_list": "admin",
    "admin.email_template_edit": "admin",
    "admin.email_template_reset": "admin",
    # Projects
    "admin.project_list": "staff",
    "admin.project_create": "staff",
    "admin.project_detail": "staff",
    "admin.project_edit": "staff",
    "admin.project_delete": "staff",
    "admin.project_task_create": "staff",
    "admin.project_task_update": "staff",
    "admin.project_task_delete": "staff",
    "admin.project_task_comment": "staff",
    "admin.customer_projects": "staff",
    "admin.my_tasks": "staff",
    "admin.my_task_done": "staff",
    "admin.my_calendar_link": "staff",
    "admin.customer_task_create": "staff",
    "admin.customer_task_update": "staff",
    "admin.customer_task_delete": "staff",
    "calendar.feed": "public",
    "portal.project_detail": "contact",
    "portal.task_comment": "contact",
    # Contracts
    "admin.contract_list": "staff",
    "admin.contract_create": "staff",
    "admin.contract_detail": "staff",
    "admin.contract_edit": "staff",
    "admin.contract_send": "staff",
    "admin.contract_pdf": "staff",
    "admin.contract_renew": "staff",
    "admin.contract_delete": "staff",
    "admin.customer_contracts": "staff",
    "admin.settings_contracts": "admin",
    "admin.settings_contract_reminders": "admin",
    "admin.settings_contract_type_edit": "admin",
    "admin.settings_contract_type_delete": "admin",
    "portal.contract_detail": "contact",
    "portal.contract_pdf": "contact",
    "portal.contract_sign": "contact",
    # Knowledge base
    "admin.kb_article_list": "staff",
    "admin.kb_article_create": "staff",
    "admin.kb_article_edit": "staff",
    "admin.kb_article_delete": "staff",
    "admin.kb_language_delete": "staff",
    "admin.kb_least_helpful": "staff",
    "admin.kb_group_list": "staff",
    "admin.kb_group_edit": "staff",
    "admin.kb_group_delete": "staff",
    "portal.kb_list": "contact",
    "portal.kb_article": "contact",
    "portal.kb_vote": "contact",
    "kb.article_show": "public",
    "kb.article_vote": "public",
    # The lists' export menus (issue 18)
    "admin.contact_export": "staff",
    "admin.contact_export_xlsx": "staff",
    "admin.invoice_export": "staff",
    "admin.invoice_export_xlsx": "staff",
    "admin.invoice_lines_export": "staff",
    "admin.invoice_lines_export_xlsx": "staff",
    "admin.estimate_export": "staff",
    "admin.estimate_export_xlsx": "staff",
    "admin.estimate_lines_export": "staff",
    "admin.estimate_lines_export_xlsx": "staff",
    "admin.proposal_export": "staff",
    "admin.proposal_export_xlsx": "staff",
    "admin.proposal_lines_export": "staff",
    "admin.proposal_lines_export_xlsx": "staff",
    "admin.credit_export": "staff",
    "admin.credit_export_xlsx": "staff",
    "admin.credit_lines_export": "staff",
    "admin.credit_lines_export_xlsx": "staff",
    "admin.invoice_payments_export": "staff",
    "admin.invoice_payments_export_xlsx": "staff",
}

LOGIN_PAGES = {"staff": "/admin/login", "admin": "/admin/login", "contact": "/clients/login"}


URL_VARIABLE = re.compile(r"<(?:[^:>]+:)?(\w+)>")


def customer_objects(customer, contact=None) -> dict:
    """One real object of each kind a customer's URLs name, all of `customer`:
    {url variable: id}, with an invoice, estimate and proposal under their kinds' names."""
    from tests.factories import (
        make_article,
        make_contact,
        make_contract,
        make_document,
        make_file,
        make_note,
        make_opening,
        make_outbox_message,
        make_project,
        make_recurring,
        make_reminder,
        make_session_row,
        make_ticket,
    )

    contact = contact or make_contact(customer)
    ticket = make_ticket(contact, attachment=b"secret", subject="Theirs")
    project = make_project(customer, name="Their project", tasks=[("Their task", "todo")])
    return {
        "customer_id": customer.id,
        "contact_id": contact.id,
        "message_id": make_outbox_message(customer, recipient=contact.email).id,
        "ticket_id": ticket.id,
        "attachment_id": ticket.replies[0].attachments[0].id,
        "invoice": make_document(customer, kind="invoice", status="unpaid").id,
        "estimate": make_document(customer, kind="estimate", status="sent").id,
        "proposal": make_document(customer, kind="proposal", status="sent").id,
        **_credit_objects(customer),
        "project_id": project.id,
        "task_id": project.tasks[0].id,
        "contract_id": make_contract(customer, content="<p>secret</p>").id,
        "session_id": make_session_row(contact),
        "recurring_id": make_recurring(customer).id,
        "note_id": make_note(customer, contact).id,
        "file_id": make_file(customer, shared=True).id,
        # Articles belong to no customer: what a contact may not read is a draft (404); the
        # published one of settings_objects replaces it where pages must open.
        "slug": make_article(f"Draft {customer.id}", status="draft").translations[0].slug,
        "reminder_id": make_reminder(customer).id,
        "opening_id": make_opening(customer).id,
    }


def _credit_objects(customer) -> dict:
    """A credit note of `customer` (open), partly applied to one of its invoices."""
    from datetime import date
    from decimal import Decimal

    from app.extensions import db
    from app.models import CreditApplication
    from tests.factories import make_document

    credit = make_document(customer, kind="credit", status="open")
    invoice = make_document(customer, kind="invoice", status="unpaid")
    application = CreditApplication(credit_note_id=credit.id, invoice_id=invoice.id,
                                    amount=Decimal(100), applied_on=date(2026, 11, 3))  # fmt: skip
    db.session.add(application)
    db.session.commit()
    return {"credit": credit.id, "application_id": application.id}


def settings_objects() -> dict:
    """One real object of each kind the settings and groups URLs name: {url variable: id}."""
    from app.extensions import db
    from app.models import ContractType, Department, TaxRate
    from tests.factories import make_currency, make_custom_field, make_group, make_role, make_user

    tax, department = TaxRate(name="VAT", percent=20), Department(name="Sales")
    contract_type = ContractType(name="Maintenance")
    db.session.add_all([tax, department, contract_type])
    db.session.commit()
    return {
        "group_id": make_group().id,
        "user_id": make_user(name="A colleague").id,
        "tax_id": tax.id,
        "department_id": department.id,
        "type_id": contract_type.id,
        "currency_id": make_currency("CHF", symbol="CHF").id,
        "key": "welcome",
        "language": "en",
        "kind": "invoice",
        "role_id": make_role().id,
        **_kb_objects(),
        "field_id": make_custom_field().id,
        "request_id": _privacy_request(),
        "import_id": _import_object(),
    }


def _privacy_request() -> int:
    """A contact's erasure request waiting for a decision."""
    from app.extensions import db
    from app.models import PrivacyRequest
    from tests.factories import make_contact

    contact = make_contact()
    row = PrivacyRequest(kind="erase", status="requested", customer_id=contact.customer_id,
                         contact_id=contact.id, asked_by_contact_id=contact.id)  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row.id


def _import_object() -> int:
    """A customer import, uploaded and waiting for its mapping."""
    from app.services.imports.runs import new_import

    content = b"Company,VAT\nAcme,FR40303265045\n"
    imp = new_import(None, "customers.csv", content, "0" * 64)
    imp.mapping = ["company", "vat_number"]
    from app.extensions import db

    db.session.commit()
    return imp.id


def _kb_objects() -> dict:
    """A published public article (readable by anyone) in two languages (one may be removed)
    and its group."""
    from tests.factories import make_article

    article = make_article(
        "Reading your invoices",
        visibility="public",
        texts={"fr": ("Lire vos factures", "<p>Ouvrez Factures.</p>")},
    )
    return {"article_id": article.id, "kb_group_id": article.group_id,
            "slug": article.translations[0].slug}  # fmt: skip


def real_url(rule, ids: dict) -> str:
    """The rule's path, each variable from `ids` (a document_id by the endpoint's kind)."""
    kind = rule.endpoint.split(".")[-1].split("_")[0]

    def value(match):
        name = kind if match.group(1) == "document_id" else match.group(1)
        assert name in ids, f"tests/access.py makes no object for <{name}> ({rule.endpoint})"
        return str(ids[name])

    return URL_VARIABLE.sub(value, rule.rule)
