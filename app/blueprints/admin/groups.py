"""Customer groups: list with counts, create, rename, delete."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from app.blueprints.admin import bp
from app.extensions import db
from app.forms.customers import GroupForm
from app.htmx import form_status, render
from app.models import CustomerGroup
from app.services import ValidationError
from app.services.customers.groups import (
    create_group,
    delete_group,
    groups_with_counts,
    rename_group,
)


def _page(form, status=200, editing=None, rename_form=None):
    return render(
        "admin/customers/groups.html",
        block="content",
        status=status,
        form=form,
        groups=groups_with_counts(),
        editing=editing,
        rename_form=rename_form,
    )


@bp.route("/customers/groups", methods=["GET", "POST"])
def group_list():
    form = GroupForm()
    if form.validate_on_submit():
        try:
            group = create_group(form.name.data)
        except ValidationError as exc:
            form.name.errors = [exc.message]
        else:
            db.session.commit()
            flash(_("Group %(name)s created.", name=group.name), "success")
            return redirect(url_for("admin.group_list"), 303)
    return _page(form, status=form_status(form))


@bp.route("/customers/groups/<int:group_id>/rename", methods=["GET", "POST"])
def group_rename(group_id: int):
    group = db.get_or_404(CustomerGroup, group_id)
    rename_form = GroupForm(obj=group)
    if rename_form.validate_on_submit():
        try:
            rename_group(group, rename_form.name.data)
        except ValidationError as exc:
            rename_form.name.errors = [exc.message]
        else:
            db.session.commit()
            flash(_("Group renamed."), "success")
            return redirect(url_for("admin.group_list"), 303)
    status = form_status(rename_form)
    return _page(GroupForm(formdata=None), status, editing=group, rename_form=rename_form)


@bp.post("/customers/groups/<int:group_id>/delete")
def group_delete(group_id: int):
    group = db.get_or_404(CustomerGroup, group_id)
    name = group.name
    delete_group(group)
    db.session.commit()
    flash(_("Group %(name)s deleted; its customers remain.", name=name), "success")
    return redirect(url_for("admin.group_list"), 303)
