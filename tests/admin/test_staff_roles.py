"""Settings → Staff and roles: an invitation gives a role, editing changes it, the list shows
it; only administrators make administrators or touch an administrator's account."""

import html
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import User
from app.services.roles import built_in_role
from tests.admin.test_staff_accounts import choose_password, invitation_link, member, role
from tests.factories import make_admin, make_role, make_user

STAFF_MANAGER = {("staff", "view_all"), ("staff", "create"), ("staff", "edit")}
ONLY_ADMINS = {
    "en": "Only an administrator can give or take the Administrator role.",
    "fr": "Seul un administrateur peut attribuer ou retirer le rôle Administrateur.",
    "de": "Nur ein Administrator kann die Rolle Administrator vergeben oder entziehen.",
    "es": "Solo un administrador puede asignar o retirar el rol Administrador.",
}
ROLE_NAMES = {  # Sales, Accounting
    "en": ("Sales", "Accounting"),
    "fr": ("Commercial", "Comptabilité"),
    "de": ("Vertrieb", "Buchhaltung"),
    "es": ("Ventas", "Contabilidad"),
}


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def beside_role(page: str) -> str:
    match = re.search(r'id="role-error">([^<]*)<', page)
    assert match, "no error beside Role"
    return match.group(1).strip()


def role_options(page: str) -> dict[str, dict]:
    """The Role select's options: {value: {"selected": bool, "summary": str, "label": str}}."""
    select = re.search(r'<select[^>]*name="role".*?</select>', page, re.S).group(0)
    found = {}
    for attributes, label in re.findall(r"<option([^>]*)>([^<]*)</option>", select):
        value = re.search(r'value="(\d*)"', attributes).group(1)
        summary = re.search(r'data-summary="([^"]*)"', attributes)
        found[value] = {"selected": " selected" in attributes, "label": label,
                        "summary": summary.group(1) if summary else ""}  # fmt: skip
    return found


def invite(client, role_key: str, email="camille@example.com"):
    data = {"name": "Camille Martin", "email": email, "language": "", "role": role(role_key)}
    return client.post_form("/admin/staff/invite", data, token_from="/admin/")


def edit(client, user: User, role_key: str, **fields):
    data = {"name": user.name, "email": user.email, "language": "", "active": "y",
            "role": role(role_key), **fields}  # fmt: skip
    return client.post_form(f"/admin/staff/{user.id}", data, token_from="/admin/")


def test_an_invitee_holds_the_role_chosen_once_they_accept(app, client, ctx, login_as, inbox):
    login_as(make_admin())
    assert invite(client, "sales").status_code == 303
    assert member("camille@example.com").role.key == "sales"
    theirs = app.test_client()
    assert choose_password(theirs, invitation_link(inbox)).status_code == 303
    invited = member("camille@example.com")
    assert invited.role.key == "sales" and not invited.is_admin
    assert theirs.get("/admin/invoices").status_code == 200  # Sales: their own invoices
    assert theirs.get("/admin/settings/").status_code == 403
    assert theirs.get("/admin/staff/").status_code == 403


def test_editing_a_member_changes_their_role(app, client, ctx, login_as):
    login_as(make_admin())
    colleague = make_user(role="sales")
    response = edit(client, colleague, "accounting")
    assert response.status_code == 303
    assert member(colleague.email).role.key == "accounting"
    options = role_options(text(client.get(f"/admin/staff/{colleague.id}")))
    assert [value for value, option in options.items() if option["selected"]] == [
        role("accounting")
    ]
    # A role an administrator made is offered and given too.
    billing = make_role([("invoices", "view_all")], name="Billing")
    data = {"name": colleague.name, "email": colleague.email, "language": "", "active": "y",
            "role": str(billing.id)}  # fmt: skip
    labels = {
        o["label"] for o in role_options(text(client.get(f"/admin/staff/{colleague.id}"))).values()
    }
    assert "Billing" in labels
    response = client.post_form(f"/admin/staff/{colleague.id}", data, token_from="/admin/")
    assert response.status_code == 303 and member(colleague.email).role.name == "Billing"


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_the_staff_list_shows_each_members_role(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    make_user(name="Sam Sales", role="sales")
    make_user(name="Ada Books", role="accounting")
    page = text(client.get("/admin/staff/"))
    sales, accounting = ROLE_NAMES[language]
    assert re.search(rf"Sam Sales.*?data-label=\"[^\"]+\">{sales}</td>", page, re.S)
    assert re.search(rf"Ada Books.*?data-label=\"[^\"]+\">{accounting}</td>", page, re.S)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_a_staff_manager_cannot_make_an_administrator(client, ctx, login_as, inbox, language):
    login_as(make_user(role=STAFF_MANAGER, language=language))
    response = invite(client, "administrator")
    assert response.status_code == 422
    assert beside_role(text(response)) == ONLY_ADMINS[language]
    assert member("camille@example.com") is None and inbox.messages == []
    colleague = make_user(role="sales")
    response = edit(client, colleague, "administrator")
    assert response.status_code == 422
    assert beside_role(text(response)) == ONLY_ADMINS[language]
    assert member(colleague.email).role.key == "sales"


def test_a_staff_manager_gives_other_roles(client, ctx, login_as, inbox):
    login_as(make_user(role=STAFF_MANAGER))
    assert invite(client, "sales").status_code == 303
    assert member("camille@example.com").role.key == "sales"
    colleague = make_user(role="sales")
    assert edit(client, colleague, "support").status_code == 303
    assert member(colleague.email).role.key == "support"


def test_a_staff_manager_cannot_touch_an_administrators_account(client, ctx, login_as, inbox):
    login_as(make_user(role=STAFF_MANAGER))
    admin = make_admin(name="Dominique Admin")
    assert client.get(f"/admin/staff/{admin.id}").status_code == 200  # they may look
    assert edit(client, admin, "team_member").status_code == 403
    assert edit(client, admin, "administrator", name="Renamed").status_code == 403
    for action in ("deactivate", "reset-link", "two-step/reset"):
        response = client.post_form(f"/admin/staff/{admin.id}/{action}", token_from="/admin/")
        assert response.status_code == 403, action
    kept = member(admin.email)
    assert (kept.name, kept.is_admin, kept.active) == ("Dominique Admin", True, True)
    assert inbox.messages == []


def test_an_unknown_role_is_refused_beside_role(client, ctx, login_as):
    login_as(make_admin())
    colleague = make_user()
    team = built_in_role("team_member")
    data = {"name": colleague.name, "email": colleague.email, "active": "y", "language": "",
            "role": "999999"}  # fmt: skip
    response = client.post_form(f"/admin/staff/{colleague.id}", data, token_from="/admin/")
    assert response.status_code == 422
    assert beside_role(text(response)) == "Choose a role from the list."
    db.session.expire_all()
    assert db.session.get(User, colleague.id).role_id == team.id


SALES_SUMMARY = {  # how the Sales role's line starts
    "en": "Customers and contacts: Their own, Create, Edit · Invoices and payments: Their own",
    "fr": "Clients et contacts\u00a0: Les leurs, Créer, Modifier · Factures",
    "de": "Kunden und Kontakte: Ihre eigenen, Erstellen, Bearbeiten · Rechnungen",
    "es": "Clientes y contactos: Los suyos, Crear, Editar · Facturas",
}
ADMIN_SUMMARY = {
    "en": "Every capability, including settings, staff and roles",
    "fr": "Tous les droits, y compris les paramètres, l'équipe et les rôles",
    "de": "Alle Berechtigungen, auch Einstellungen, Mitarbeiter und Rollen",
    "es": "Todos los permisos, incluidos los ajustes, el personal y los roles",
}


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_the_role_choice_says_what_each_role_allows(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    page = text(client.get("/admin/staff/invite"))
    options = role_options(page)
    # A new colleague's role is chosen: none is preselected (not even Team member, who may
    # delete), and the line under the choice is empty until one is.
    assert [value for value, option in options.items() if option["selected"]] == []
    assert next(iter(options)) == "" and options[""]["summary"] == ""
    summaries = {value: option["summary"] for value, option in options.items()}
    assert summaries[role("sales")].startswith(SALES_SUMMARY[language])
    assert summaries[role("administrator")] == ADMIN_SUMMARY[language]
    assert re.search(r'id="role-summary"[^>]*>([^<]*)<', page).group(1) == ""
    assert "settings" not in summaries[role("team_member")].lower()
    colleague = make_user(role="sales")
    page = text(client.get(f"/admin/staff/{colleague.id}"))
    assert re.search(r'id="role-summary"[^>]*>([^<]*)<', page).group(1).startswith(
        SALES_SUMMARY[language])  # fmt: skip


def test_an_invitation_without_a_chosen_role_is_refused_beside_it(client, ctx, login_as, inbox):
    login_as(make_admin())
    data = {"name": "Camille Martin", "email": "camille@example.com", "language": "", "role": ""}
    response = client.post_form("/admin/staff/invite", data, token_from="/admin/")
    assert response.status_code == 422
    assert beside_role(text(response)) == "Choose a role from the list."
    assert db.session.scalar(select(User).where(User.email == "camille@example.com")) is None
    assert inbox.messages == []


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_the_invitation_is_in_the_inviters_language_unless_changed(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    page = text(client.get("/admin/staff/invite"))
    chosen = re.search(r'<select[^>]*name="language".*?</select>', page, re.S).group(0)
    assert re.search(rf'<option(?=[^>]*value="{language}")(?=[^>]*selected)', chosen)
