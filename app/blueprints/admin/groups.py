"""Customer groups: list with counts, create, rename, delete."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import run_action, saved_form
from app.forms.customers import GroupForm
from app.htmx import form_status, render
from app.models import CustomerGroup
from app.services.customers.groups import (
    create_group,
    delete_group,
    groups_with_counts,
    rename_group,
)
from app.services.scope import scope_of


def _page(form, status=200, editing=None, rename_form=None):
    return render(
        "admin/customers/groups.html",
        block="content",
        status=status,
        form=form,
        groups=groups_with_counts(scope_of(current_user)),
        editing=editing,
        rename_form=rename_form,
    )


@bp.route("/customers/groups", methods=["GET", "POST"])
def group_list():
    form = GroupForm()
    done = saved_form(form, lambda: create_group(form.name.data),
                      lambda group: _("Group %(name)s created.", name=group.name),
                      url_for("admin.group_list"), field="name")  # fmt: skip
    return done or _page(form, status=form_status(form))


@bp.route("/customers/groups/<int:group_id>/rename", methods=["GET", "POST"])
def group_rename(group_id: int):
    group = scope_of(current_user).get_or_404(CustomerGroup, group_id)
    rename_form = GroupForm(obj=group)
    done = saved_form(rename_form, lambda: rename_group(group, rename_form.name.data),
                      _("Group renamed."), url_for("admin.group_list"), field="name")  # fmt: skip
    return done or _page(GroupForm(formdata=None), form_status(rename_form), editing=group,
                         rename_form=rename_form)  # fmt: skip


@bp.post("/customers/groups/<int:group_id>/delete")
def group_delete(group_id: int):
    group = scope_of(current_user).get_or_404(CustomerGroup, group_id)
    name = group.name
    return run_action(lambda: delete_group(group),
                      _("Group %(name)s deleted; its customers remain.", name=name),
                      url_for("admin.group_list"))  # fmt: skip
