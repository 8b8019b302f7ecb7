"""A button, link or form for an action is on the page only when the signed-in member's role
grants that action: a read-only role (view all, nothing else) sees every page without a change
button, a role holding every capability sees them all. The customer's tabs, the settings cards
and the dashboard's cards follow the role too."""

import pytest
from flask import url_for

from app.roles import MODULES, grantable
from tests.factories import (
    make_contact,
    make_contract,
    make_currency,
    make_customer,
    make_document,
    make_group,
    make_outbox_message,
    make_project,
    make_session_row,
    make_ticket,
    make_user,
)

READ_ONLY = frozenset(
    (m, "view_all") for m, (_n, actions) in MODULES.items() if "view_all" in actions
)
EVERYTHING = frozenset(grantable())


@pytest.fixture
def world(app, ctx):
    """A customer with two contacts, an undelivered email, documents in several states, a draft
    and a signed contract, a project with a task, a ticket and a group: the ids and the URLs."""
    customer = make_customer(company="Boulangerie Martin")
    primary = make_contact(customer, first_name="Claire")
    other = make_contact(customer, first_name="Paul")
    message = make_outbox_message(customer)
    draft = make_document(customer)
    unpaid = make_document(customer, status="unpaid")
    estimate = make_document(customer, kind="estimate", status="sent")
    draft_contract = make_contract(customer, status="draft")
    signed_contract = make_contract(customer, status="signed")
    project = make_project(customer, tasks=[("Photos", "todo")])
    ticket = make_ticket(primary)
    group = make_group(name="Bakeries")
    colleague = make_user(name="Robin Colleague")
    make_session_row(colleague)
    ids = {
        "customer_id": customer.id, "contact_id": other.id, "primary_id": primary.id,
        "message_id": message.id, "draft": draft.id, "unpaid": unpaid.id,
        "estimate": estimate.id, "draft_contract": draft_contract.id,
        "signed_contract": signed_contract.id, "project_id": project.id,
        "task_id": project.tasks[0].id, "ticket_id": ticket.id, "group_id": group.id,
        "user_id": colleague.id, "currency_id": make_currency("USD").id,
    }  # fmt: skip
    with app.test_request_context():
        ids["url"] = _urls(ids)
    return ids


def _urls(w) -> dict[str, str]:
    """Each action's address as it appears in an attribute (quoted, so no prefix matches)."""
    c, k = w["customer_id"], w["contact_id"]
    task = {"project_id": w["project_id"], "task_id": w["task_id"]}
    urls = {
        "customer_create": url_for("admin.customer_create"),
        "customer_toggle_active": url_for("admin.customer_toggle_active", customer_id=c),
        "customer_delete": url_for("admin.customer_delete", customer_id=c),
        "customer_email_resend": url_for(
            "admin.customer_email_resend", customer_id=c, message_id=w["message_id"]
        ),
        "contact_create": url_for("admin.customer_contact_create", customer_id=c),
        "contact_edit": url_for("admin.customer_contact_edit", customer_id=c, contact_id=k),
        "contact_primary": url_for("admin.customer_contact_primary", customer_id=c, contact_id=k),
        "contact_active": url_for("admin.customer_contact_active", customer_id=c, contact_id=k),
        "contact_send_link": url_for(
            "admin.customer_contact_send_link", customer_id=c, contact_id=k
        ),
        "contact_view_as": url_for("admin.customer_contact_view_as", customer_id=c, contact_id=k),
        "group_add": url_for("admin.group_list"),
        "group_rename": url_for("admin.group_rename", group_id=w["group_id"]),
        "group_delete": url_for("admin.group_delete", group_id=w["group_id"]),
        "invoice_create": url_for("admin.invoice_create"),
        "invoice_create_for": url_for("admin.invoice_create", customer=c),
        "invoice_edit": url_for("admin.invoice_edit", document_id=w["draft"]),
        "invoice_issue": url_for("admin.invoice_issue", document_id=w["draft"]),
        "invoice_copy": url_for("admin.invoice_copy", document_id=w["draft"]),
        "invoice_cancel": url_for("admin.invoice_cancel", document_id=w["draft"]),
        "invoice_send": url_for("admin.invoice_send", document_id=w["draft"]),
        "invoice_payment": url_for("admin.invoice_payment", document_id=w["unpaid"]),
        "estimate_answer": url_for("admin.estimate_answer", document_id=w["estimate"]),
        "estimate_convert": url_for("admin.estimate_convert", document_id=w["estimate"]),
        "contract_create": url_for("admin.contract_create"),
        "contract_create_for": url_for("admin.contract_create", customer=c),
        "contract_edit": url_for("admin.contract_edit", contract_id=w["draft_contract"]),
        "contract_send": url_for("admin.contract_send", contract_id=w["draft_contract"]),
        "contract_delete": url_for("admin.contract_delete", contract_id=w["draft_contract"]),
        "contract_renew": url_for("admin.contract_renew", contract_id=w["signed_contract"]),
        "project_create": url_for("admin.project_create"),
        "project_create_for": url_for("admin.project_create", customer=c),
        "project_edit": url_for("admin.project_edit", project_id=w["project_id"]),
        "project_delete": url_for("admin.project_delete", project_id=w["project_id"]),
        "task_create": url_for("admin.project_task_create", project_id=w["project_id"]),
        "task_update": url_for("admin.project_task_update", **task),
        "task_delete": url_for("admin.project_task_delete", **task),
        "task_comment": url_for("admin.project_task_comment", **task),
        "ticket_create": url_for("admin.ticket_create", customer_id=c),
        "ticket_update": url_for("admin.ticket_update", ticket_id=w["ticket_id"]),
        "staff_list": url_for("admin.staff_list"),
        "role_list": url_for("admin.role_list"),
        "settings_company": url_for("admin.settings_company"),
    }
    urls.update(
        staff_invite=url_for("admin.staff_invite"),
        staff_deactivate=url_for("admin.staff_deactivate", user_id=w["user_id"]),
        staff_send_reset=url_for("admin.staff_send_reset", user_id=w["user_id"]),
        staff_sessions_end=url_for("admin.staff_sessions_end", user_id=w["user_id"]),
        currency_edit=url_for("admin.currency_edit", currency_id=w["currency_id"]),
        outbox_retry=url_for("admin.outbox_retry", message_id=w["message_id"]),
        template_reset=url_for("admin.email_template_reset", key="welcome", language="fr"),
        email_test=url_for("admin.settings_email_test"),
    )
    quoted = {name: f'"{url}"'.replace("&", "&amp;") for name, url in urls.items()}
    # Settings and staff forms that post to their own page.
    for name, endpoint, values in [
        ("company_save", "admin.settings_company", {}),
        ("email_save", "admin.settings_email", {}),
        ("currency_add", "admin.currency_list", {}),
        ("tax_add", "admin.tax_list", {}),
        ("department_add", "admin.department_list", {}),
        ("template_save", "admin.email_template_edit", {"key": "welcome", "language": "fr"}),
        ("staff_save", "admin.staff_edit", {"user_id": w["user_id"]}),
    ]:
        quoted[name] = f'action="{url_for(endpoint, **values)}"'

    # The forms that post to the page's own address (which tabs and breadcrumbs link to).
    quoted["customer_save"] = f'action="{url_for("admin.customer_detail", customer_id=c)}"'
    quoted["ticket_reply"] = f'action="{url_for("admin.ticket_detail", ticket_id=w["ticket_id"])}"'
    return quoted


# Each page (an address built from the world's ids) and the actions it offers to whoever may.
PAGES = {
    "customer list": ("/admin/customers", ["customer_create", "customer_toggle_active"]),
    "customer profile": (
        "/admin/customers/{customer_id}",
        ["customer_delete", "customer_email_resend", "customer_save"],
    ),
    "contacts": (
        "/admin/customers/{customer_id}/contacts",
        [
            "contact_create",
            "contact_edit",
            "contact_primary",
            "contact_active",
            "contact_send_link",
            "contact_view_as",
        ],
    ),  # fmt: skip
    "groups": ("/admin/customers/groups", ["group_add", "group_rename", "group_delete"]),
    "customer invoices": ("/admin/customers/{customer_id}/invoices", ["invoice_create_for"]),
    "customer contracts": ("/admin/customers/{customer_id}/contracts", ["contract_create_for"]),
    "customer projects": ("/admin/customers/{customer_id}/projects", ["project_create_for"]),
    "customer tickets": ("/admin/customers/{customer_id}/tickets", ["ticket_create"]),
    "invoice list": ("/admin/invoices", ["invoice_create"]),
    "draft invoice": (
        "/admin/invoices/{draft}",
        ["invoice_edit", "invoice_issue", "invoice_copy", "invoice_cancel", "invoice_send"],
    ),
    "unpaid invoice": ("/admin/invoices/{unpaid}", ["invoice_payment"]),
    "sent estimate": ("/admin/estimates/{estimate}", ["estimate_answer", "estimate_convert"]),
    "contract list": ("/admin/contracts", ["contract_create"]),
    "draft contract": (
        "/admin/contracts/{draft_contract}",
        ["contract_edit", "contract_send", "contract_delete"],
    ),
    "signed contract": ("/admin/contracts/{signed_contract}", ["contract_renew"]),
    "project list": ("/admin/projects", ["project_create"]),
    "project": (
        "/admin/projects/{project_id}",
        [
            "project_edit",
            "project_delete",
            "task_create",
            "task_update",
            "task_delete",
            "task_comment",
        ],
    ),  # fmt: skip
    "ticket": ("/admin/tickets/{ticket_id}", ["ticket_reply", "ticket_update"]),
    "company": ("/admin/settings/company", ["company_save"]),
    "email": ("/admin/settings/email", ["email_save", "email_test"]),
    "currencies": ("/admin/settings/currencies", ["currency_add", "currency_edit"]),
    "taxes": ("/admin/settings/taxes", ["tax_add"]),
    "departments": ("/admin/settings/departments", ["department_add"]),
    "email template": (
        "/admin/settings/email-templates/welcome/fr",
        ["template_save", "template_reset"],
    ),
    "outbox": ("/admin/settings/email/outbox", ["outbox_retry"]),
    "staff list": ("/admin/staff/", ["staff_invite"]),
    "staff member": (
        "/admin/staff/{user_id}",
        ["staff_save", "staff_deactivate", "staff_send_reset"],
    ),
    "staff security": (
        "/admin/staff/{user_id}/security",
        ["staff_send_reset", "staff_sessions_end"],
    ),
}


def page_of(client, world, path: str) -> str:
    response = client.get(path.format(**world))
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


@pytest.mark.parametrize("name", PAGES)
def test_a_read_only_role_sees_no_change_button(app, ctx, login_as, world, name):
    path, actions = PAGES[name]
    html = page_of(login_as(make_user(role=READ_ONLY)), world, path)
    shown = [action for action in actions if world["url"][action] in html]
    assert shown == [], f"{name}: {shown} shown to a read-only role"
    assert 'method="post"' not in html.split('id="main"', 1)[1], f"{name}: a form posts"


@pytest.mark.parametrize("name", PAGES)
def test_a_role_with_the_capabilities_sees_every_button(app, ctx, login_as, world, name):
    path, actions = PAGES[name]
    html = page_of(login_as(make_user(role=EVERYTHING)), world, path)
    missing = [action for action in actions if world["url"][action] not in html]
    assert missing == [], f"{name}: {missing} missing"


@pytest.mark.parametrize(
    ("granted", "action", "page_name"),
    [
        (("customers", "delete"), "customer_delete", "customer profile"),
        (("customers", "delete"), "group_delete", "groups"),
        (("customers", "create"), "customer_create", "customer list"),
        (("customers", "view_as"), "contact_view_as", "contacts"),
        (("invoices", "create"), "invoice_copy", "draft invoice"),
        (("contracts", "delete"), "contract_delete", "draft contract"),
        (("projects", "delete"), "project_delete", "project"),
        (("projects", "create"), "project_create", "project list"),
    ],
)
def test_one_capability_adds_its_button(app, ctx, login_as, world, granted, action, page_name):
    """Each button follows its own capability, not a blanket 'may change things'."""
    path, _actions = PAGES[page_name]
    without = page_of(login_as(make_user(role=READ_ONLY)), world, path)
    with_it = page_of(login_as(make_user(role=READ_ONLY | {granted})), world, path)
    assert world["url"][action] not in without
    assert world["url"][action] in with_it


def test_the_profile_of_a_read_only_role_shows_the_fields_disabled(app, ctx, login_as, world):
    html = page_of(login_as(make_user(role=READ_ONLY)), world, "/admin/customers/{customer_id}")
    assert "Boulangerie Martin" in html
    profile = world["url"]["customer_save"].removeprefix("action=")
    assert "action=" + profile not in html
    assert "hx-post=" + profile not in html  # no checks either as fields are left
    assert "disabled" in html.split('id="customer-form"', 1)[1]


TABS = {
    "invoices": "Invoices", "estimates": "Estimates", "proposals": "Proposals",
    "contracts": "Contracts", "support": "Tickets", "projects": "Projects",
}  # fmt: skip
TAB_PATHS = {
    "invoices": "invoices", "estimates": "estimates", "proposals": "proposals",
    "contracts": "contracts", "support": "tickets", "projects": "projects",
}  # fmt: skip


@pytest.mark.parametrize(
    "modules", [(), ("invoices",), ("estimates", "support"), ("contracts", "projects", "proposals")]
)
def test_the_customer_tabs_follow_the_role(app, ctx, login_as, world, modules):
    role = {("customers", "view_all")} | {(m, "view_own") for m in modules}
    html = page_of(login_as(make_user(role=role)), world, "/admin/customers/{customer_id}")
    tabs = html.split('class="page-tabs"', 1)[1].split("</nav>", 1)[0]
    for module, path in TAB_PATHS.items():
        link = f'/admin/customers/{world["customer_id"]}/{path}"'
        assert (link in tabs) == (module in modules), module
    assert "Profile" in tabs and "Contacts" in tabs and "Activity" in tabs


@pytest.mark.parametrize(
    ("role", "cards"),
    [
        ({("settings", "view_all")}, {"settings_company"}),
        ({("settings", "view_all"), ("staff", "view_all")},
         {"settings_company", "staff_list", "role_list"}),
    ],
)  # fmt: skip
def test_the_settings_cards_follow_the_role(app, ctx, login_as, world, role, cards):
    html = page_of(login_as(make_user(role=role)), world, "/admin/settings/")
    main = html.split('id="main"', 1)[1]
    for card in ("settings_company", "staff_list", "role_list"):
        assert (world["url"][card] in main) == (card in cards), card


def test_the_dashboard_links_only_into_modules_the_role_may_open(app, ctx, login_as, world):
    role = {("customers", "view_own"), ("support", "view_all")}
    html = page_of(login_as(make_user(role=role)), world, "/admin/")
    main = html.split('id="main"', 1)[1]
    assert "/admin/tickets" in main and "/admin/customers?" in main
    for module in ("invoices", "estimates", "reports", "contracts"):
        assert f"/admin/{module}" not in main, module


def test_links_to_a_customer_are_text_for_a_role_without_customers(app, ctx, login_as, world):
    html = page_of(login_as(make_user(role={("support", "view_all")})), world,
                   "/admin/tickets/{ticket_id}")  # fmt: skip
    assert "Boulangerie Martin" in html
    assert f'/admin/customers/{world["customer_id"]}"' not in html


def test_quick_create_offers_only_what_the_role_may_create(app, ctx, login_as, world):
    html = page_of(login_as(make_user(role=READ_ONLY)), world, "/admin/")
    assert 'id="quick-create-menu"' not in html
    role = READ_ONLY | {("projects", "create")}
    html = page_of(login_as(make_user(role=role)), world, "/admin/")
    menu = html.split('id="quick-create-menu"', 1)[1].split("</details>", 1)[0]
    assert world["url"]["project_create"] in menu
    assert world["url"]["invoice_create"] not in menu
    assert world["url"]["customer_create"] not in menu
