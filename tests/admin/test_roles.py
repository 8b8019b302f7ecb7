"""Settings → Roles: administrators list, make, change and delete roles; a role's capabilities
take effect at its holders' next request; the Administrator role and roles in use stay."""

import html
import re
import threading

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Role, RolePermission, User
from app.services.roles import built_in_role
from tests.factories import make_admin, make_role, make_sign_in, make_user

SHIPPED = {  # Administrator first, then by name in the reader's language
    "en": ["Administrator", "Accounting", "Sales", "Support", "Team member"],
    "fr": ["Administrateur", "Collaborateur", "Commercial", "Comptabilité", "Support"],
    "de": ["Administrator", "Buchhaltung", "Support", "Teammitglied", "Vertrieb"],
    "es": ["Administrador", "Colaborador", "Contabilidad", "Soporte", "Ventas"],
}
SALES = {"en": "Sales", "fr": "Commercial", "de": "Vertrieb", "es": "Ventas"}
TAKEN = {
    "en": "A role with this name already exists.",
    "fr": "Un rôle portant ce nom existe déjà.",
    "de": "Eine Rolle mit diesem Namen gibt es bereits.",
    "es": "Ya existe un rol con este nombre.",
}
HELD = {
    "en": "2 staff members hold this role: give them another one first.",
    "fr": "2 membres de l'équipe ont ce rôle\u00a0: donnez-leur d'abord un autre rôle.",
    "de": "2 Mitarbeiter haben diese Rolle: Geben Sie ihnen zuerst eine andere.",
    "es": "2 miembros del personal tienen este rol: asígneles primero otro.",
}


def grid(**modules) -> dict:
    """The capabilities grid as a browser posts it: module=("all"|"own"|"", action, ...)."""
    fields = {}
    for module, (view, *actions) in modules.items():
        fields[f"{module}.view"] = view
        fields.update({f"{module}.{action}": "1" for action in actions})
    return fields


def post_role(client, url, name, **modules):
    return client.post_form(url, {"name": name, **grid(**modules)}, token_from="/admin/")


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def beside(page: str, field: str) -> str:
    """The error shown beside `field`."""
    match = re.search(rf'id="{field}-error">([^<]*)<', page)
    assert match, f"no error beside {field}"
    return match.group(1).strip()


def role_named(name: str) -> Role | None:
    db.session.expire_all()
    return db.session.scalar(select(Role).where(Role.name == name))


def roles_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Role))


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_the_list_shows_the_shipped_roles_in_the_readers_language_with_their_members(
    client, ctx, login_as, language
):
    login_as(make_admin(language=language))
    make_user(role="sales")
    make_user(role="sales", active=False)  # inactive members hold their role too
    page = text(client.get("/admin/staff/roles"))
    names = re.findall(r'<a href="/admin/staff/roles/\d+">([^<]+)</a>', page)
    assert names == SHIPPED[language]
    members = dict(re.findall(r'roles/\d+">([^<]+)</a>.*?data-label="[^"]+">(\d+)</td>', page,
                              re.S))  # fmt: skip
    administrator, sales = SHIPPED[language][0], SALES[language]
    assert (members[administrator], members[sales]) == ("1", "2")
    assert sum(int(count) for count in members.values()) == 3


def test_a_new_role_takes_effect_for_its_holders_and_a_change_too(app, client, ctx, login_as):
    login_as(make_admin())
    response = post_role(client, "/admin/staff/roles/new", "  Billing  ",
                         invoices=("all", "create"), customers=("own",))  # fmt: skip
    assert response.status_code == 303
    assert "Role Billing is saved." in text(client.get(response.headers["Location"]))
    role = role_named("Billing")
    assert role.granted() == {("invoices", "view_all"), ("invoices", "create"),
                              ("customers", "view_own")}  # fmt: skip
    member = make_user(role=role)
    theirs = app.test_client()
    with theirs.session_transaction() as session:
        session["_user_id"], session["_fresh"] = make_sign_in(member), True
    assert theirs.get("/admin/invoices").status_code == 200
    assert theirs.get("/admin/invoices/new").status_code == 200
    assert theirs.get("/admin/contracts").status_code == 403
    # The form shows what the role holds.
    page = text(client.get(f"/admin/staff/roles/{role.id}"))
    assert re.search(r'<option value="all" selected>Everything</option>', page)
    assert re.search(r'name="invoices\.create" value="1"[^>]* checked', page)
    assert not re.search(r'name="invoices\.delete" value="1"[^>]* checked', page)
    # Taken away, it is gone at their next request.
    response = post_role(client, f"/admin/staff/roles/{role.id}", "Billing", invoices=("",))
    assert response.status_code == 303
    assert role_named("Billing").granted() == set()
    assert theirs.get("/admin/invoices").status_code == 403


def test_the_role_form_explains_their_own(client, ctx, login_as):
    login_as(make_admin(language="fr"))
    page = text(client.get("/admin/staff/roles/new"))
    assert "Les leurs" in page
    assert "les clients dont ils sont responsables" in page
    assert 'aria-describedby="own-help"' in page


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_renamed_shipped_role_keeps_the_name_typed_in_every_language(
    client, ctx, login_as, language
):
    admin = make_admin(language=language)
    login_as(admin)
    sales = built_in_role("sales")
    response = post_role(client, f"/admin/staff/roles/{sales.id}", "Business development",
                         customers=("own", "create"))  # fmt: skip
    assert response.status_code == 303
    db.session.expire_all()
    assert sales.name == "Business development" and sales.key == "sales"
    assert sales.granted() == {("customers", "view_own"), ("customers", "create")}
    for reader in ("en", "fr", "de"):
        admin.language = reader
        db.session.commit()
        assert "Business development" in text(client.get("/admin/staff/roles"))
    # Emptied, the shipped name comes back, in the reader's language.
    post_role(client, f"/admin/staff/roles/{sales.id}", "", customers=("own",))
    assert "Vertrieb" in text(client.get("/admin/staff/roles"))


def test_saving_a_shipped_role_unchanged_keeps_it_translated(client, ctx, login_as):
    login_as(make_admin(language="fr"))
    sales = built_in_role("sales")
    response = post_role(client, f"/admin/staff/roles/{sales.id}", "Commercial",
                         customers=("own",))  # fmt: skip
    assert response.status_code == 303
    db.session.expire_all()
    assert sales.name is None  # still "Sales", "Vertrieb", "Ventas" to others


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
@pytest.mark.parametrize("typed", ["billing", "shipped"])
def test_a_name_another_role_has_is_refused_beside_the_name(client, ctx, login_as, language, typed):
    login_as(make_admin(language=language))
    make_role(name="Billing")
    name = "BILLING" if typed == "billing" else SALES[language].lower()
    count = roles_count()
    response = post_role(client, "/admin/staff/roles/new", name, invoices=("all",))
    assert response.status_code == 422
    assert beside(text(response), "name") == TAKEN[language]
    assert roles_count() == count
    # Renaming one role to another's name is refused too.
    support = built_in_role("support")
    response = post_role(client, f"/admin/staff/roles/{support.id}", name, support=("all",))
    assert response.status_code == 422 and beside(text(response), "name") == TAKEN[language]
    db.session.expire_all()
    assert support.name is None and ("support", "edit") in support.granted()


def test_a_new_role_needs_a_name(client, ctx, login_as):
    login_as(make_admin())
    count = roles_count()
    response = post_role(client, "/admin/staff/roles/new", "   ", invoices=("all",))
    assert response.status_code == 422
    assert beside(text(response), "name") == "Enter the role's name."
    assert roles_count() == count


@pytest.mark.parametrize(
    "tampered",
    [
        {"bogus.view": "all"},
        {"invoices.view": "everything"},
        {"invoices.fly": "1"},
        {"invoices.view_all": "1"},
        {"settings.view": "own"},
        {"reports.create": "1"},
    ],
    ids=["module", "view", "action", "view-as-box", "own-settings", "reports-create"],
)
def test_a_tampered_capability_is_refused_and_nothing_saved(client, ctx, login_as, tampered):
    login_as(make_admin())
    billing = make_role([("invoices", "view_all")], name="Billing")
    fields = {"name": "Billing", **grid(invoices=("all", "create")), **tampered}
    response = client.post_form(f"/admin/staff/roles/{billing.id}", fields, token_from="/admin/")
    assert response.status_code == 422
    assert "Choose capabilities from the list." in text(response)
    assert role_named("Billing").granted() == {("invoices", "view_all")}
    count = roles_count()
    fields["name"] = "Other"
    response = client.post_form("/admin/staff/roles/new", fields, token_from="/admin/")
    assert response.status_code == 422 and roles_count() == count


def test_the_administrator_role_cannot_be_changed(client, ctx, login_as):
    login_as(make_admin())
    administrator = built_in_role("administrator")
    page = text(client.get(f"/admin/staff/roles/{administrator.id}"))
    assert "This role cannot be changed." in page and "role-form" not in page
    response = post_role(client, f"/admin/staff/roles/{administrator.id}", "Boss",
                         invoices=("all",))  # fmt: skip
    assert response.status_code == 422
    assert "The Administrator role always holds every capability." in text(response)
    db.session.expire_all()
    assert administrator.name is None and administrator.permissions == []
    response = client.post_form(f"/admin/staff/roles/{administrator.id}/delete",
                                token_from="/admin/")  # fmt: skip
    assert response.status_code == 303
    assert db.session.get(Role, administrator.id) is not None


def test_a_custom_role_nobody_holds_is_deleted(client, ctx, login_as):
    login_as(make_admin())
    billing = make_role([("invoices", "view_all")], name="Billing").id
    response = client.post_form(f"/admin/staff/roles/{billing}/delete", token_from="/admin/")
    assert response.status_code == 303
    assert "Role Billing is deleted." in text(client.get(response.headers["Location"]))
    assert role_named("Billing") is None
    assert db.session.scalar(select(func.count()).select_from(RolePermission)
                             .where(RolePermission.role_id == billing)) == 0  # fmt: skip
    assert client.post_form(f"/admin/staff/roles/{billing}/delete",
                            token_from="/admin/").status_code == 404  # fmt: skip


@pytest.mark.parametrize("language", ["en", "fr", "de", "es"])
def test_a_role_someone_holds_is_not_deleted(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    billing = make_role([("invoices", "view_all")], name="Billing")
    make_user(role=billing)
    make_user(role=billing, active=False)
    page = text(client.get("/admin/staff/roles"))
    assert f"/admin/staff/roles/{billing.id}/delete" not in page  # no Delete while it is held
    response = client.post_form(f"/admin/staff/roles/{billing.id}/delete", token_from="/admin/")
    assert response.status_code == 303
    assert HELD[language] in text(client.get(response.headers["Location"]))
    assert role_named("Billing") is not None


def test_shipped_roles_cannot_be_deleted(client, ctx, login_as):
    login_as(make_admin())
    page = text(client.get("/admin/staff/roles"))
    assert page.count("/delete") == 0  # no Delete button beside a shipped role
    for key in ("team_member", "sales", "support", "accounting"):
        role = built_in_role(key)
        response = client.post_form(f"/admin/staff/roles/{role.id}/delete", token_from="/admin/")
        assert response.status_code == 303
        assert db.session.get(Role, role.id) is not None
    assert "A shipped role cannot be deleted" in text(client.get("/admin/staff/roles"))


def test_only_administrators_create_change_and_delete_roles(client, ctx, login_as):
    login_as(make_user(role={("staff", "view_all"), ("staff", "create"), ("staff", "edit")}))
    billing = make_role([("invoices", "view_all")], name="Billing")
    count = roles_count()
    page = text(client.get("/admin/staff/roles"))
    assert "Billing" in page and "/admin/staff/roles/new" not in page and "/delete" not in page
    form = text(client.get(f"/admin/staff/roles/{billing.id}"))
    grid_form = form[form.index('class="panel role-form"') :]
    assert 'type="submit"' not in grid_form and "disabled" in grid_form  # read only
    assert client.get("/admin/staff/roles/new").status_code == 403
    assert post_role(client, "/admin/staff/roles/new", "Mine", staff=("all",)).status_code == 403
    response = post_role(client, f"/admin/staff/roles/{billing.id}", "Billing",
                         invoices=("all", "create", "edit", "delete"))  # fmt: skip
    assert response.status_code == 403
    response = client.post_form(f"/admin/staff/roles/{billing.id}/delete", token_from="/admin/")
    assert response.status_code == 403
    assert roles_count() == count
    assert role_named("Billing").granted() == {("invoices", "view_all")}


def at_once(app, requests) -> list[int]:
    """Each (person, url, fields) posted from its own browser at the same moment; the codes."""
    browsers = []
    for person, url, fields in requests:
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"], session["_fresh"] = make_sign_in(person), True
        browsers.append((browser, url, {"csrf_token": browser.csrf_token("/admin/"), **fields}))
    barrier, codes = threading.Barrier(len(browsers)), []

    def worker(browser, url, data):
        barrier.wait(10)
        codes.append(browser.post(url, data=data).status_code)

    threads = [threading.Thread(target=worker, args=args) for args in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


@pytest.mark.parametrize("attempt", range(3))
def test_deleting_a_role_while_someone_is_given_it_keeps_both_sides_whole(app, ctx, attempt):
    """One administrator deletes a role while another gives it to a colleague: one of them is
    refused, nobody sees an error page, and nobody is left with a role that is gone."""
    colleague = make_user(name="Camille")
    billing = make_role([("invoices", "view_all")]).id
    give = {"name": "Camille", "email": colleague.email, "active": "y", "role": str(billing),
            "language": ""}  # fmt: skip
    codes = at_once(app, [(make_admin(), f"/admin/staff/roles/{billing}/delete", {}),
                          (make_admin(), f"/admin/staff/{colleague.id}", give)])  # fmt: skip
    assert set(codes) <= {303, 422}, codes
    db.session.expire_all()
    role_id = db.session.get(User, colleague.id).role_id
    survived = db.session.get(Role, billing) is not None
    assert survived == (role_id == billing), (codes, survived, role_id)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_settings_lead_to_the_roles(client, ctx, login_as, language):
    login_as(make_admin(language=language))
    page = text(client.get("/admin/settings/"))
    assert 'href="/admin/staff/roles"' in page
    assert {"en": "What each role may see and do", "fr": "Ce que chaque rôle peut voir"}[
        language
    ] in page
