"""Settings → Roles: every staff member sees which roles exist and what they grant;
administrators add, change and delete them."""

from flask import request, url_for
from flask_babel import gettext as _

from app.blueprints.admin import bp
from app.blueprints.posting import run_action, saved_form
from app.extensions import db
from app.forms.roles import RoleForm, posted_capabilities
from app.htmx import form_status, render
from app.models import Role
from app.roles import ACTIONS, MODULES, VIEW_ALL, VIEW_OWN
from app.services.roles import all_roles, delete_role, form_values, members_per_role, save_role


def _page(form: RoleForm, role: Role | None, values: dict, status: int = 200):
    return render("admin/roles/form.html", status=status, form=form, role=role, values=values,
                  modules=MODULES, actions=ACTIONS, view_actions=(VIEW_ALL, VIEW_OWN))  # fmt: skip


def _role_or_404(role_id: int) -> Role:
    return db.get_or_404(Role, role_id)


@bp.get("/staff/roles")
def role_list():
    return render("admin/roles/list.html", roles=all_roles(), holders=members_per_role())


def _form_view(role: Role | None):
    form = RoleForm(obj=role if request.method == "GET" and role is not None else None)
    if request.method == "GET" and role is not None and role.key is not None and not role.name:
        form.name.data = role.display_name
    values = posted_capabilities(request.form) if form.is_submitted() else form_values(role)
    done = saved_form(
        form, lambda: save_role(role, form.name.data, values),
        lambda saved: _("Role %(name)s is saved.", name=saved.display_name),
        url_for("admin.role_list"),
    )  # fmt: skip
    return done or _page(form, role, values, form_status(form))


@bp.route("/staff/roles/new", methods=["GET", "POST"])
def role_create():
    return _form_view(None)


@bp.route("/staff/roles/<int:role_id>", methods=["GET", "POST"])
def role_edit(role_id: int):
    return _form_view(_role_or_404(role_id))


@bp.post("/staff/roles/<int:role_id>/delete")
def role_delete(role_id: int):
    role = _role_or_404(role_id)
    return run_action(lambda: delete_role(role),
                      _("Role %(name)s is deleted.", name=role.display_name),
                      url_for("admin.role_list"))  # fmt: skip
