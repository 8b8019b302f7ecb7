"""Settings → Departments (admin only): support departments and the staff who get their tickets."""

from flask import request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.blueprints.admin import admin_required, bp
from app.blueprints.posting import run_action, saved_form
from app.extensions import db
from app.forms.tickets import DepartmentForm
from app.htmx import form_status, render
from app.models import Department, User
from app.services import FormErrors
from app.services.staff import active_staff


def _save(form, department):
    """Save the department; a name another department has is refused beside the field."""
    name = form.name.data.strip()
    taken = db.session.scalar(select(Department).where(func.lower(Department.name) == name.lower()))
    if taken is not None and taken is not department:
        raise FormErrors({"name": [_("A department with this name already exists.")]})
    department = department or Department()
    department.name = name
    department.members = list(db.session.scalars(
        select(User).where(User.id.in_(form.members.data or []))))  # fmt: skip
    db.session.add(department)
    return department


@bp.route("/settings/departments", methods=["GET", "POST"])
@admin_required
def department_list():
    form = DepartmentForm(active_staff())
    done = saved_form(form, lambda: _save(form, None), _("Department added."),
                      url_for("admin.department_list"))  # fmt: skip
    return done or render(
        "admin/settings/departments.html", status=form_status(form), form=form,
        departments=db.session.scalars(select(Department).order_by(Department.name)).all(),
    )  # fmt: skip


@bp.route("/settings/departments/<int:department_id>", methods=["GET", "POST"])
@admin_required
def department_edit(department_id: int):
    department = db.get_or_404(Department, department_id)
    form = DepartmentForm(active_staff(), obj=None if request.method == "POST" else department)
    if request.method == "GET":
        form.members.data = [m.id for m in department.members]
    done = saved_form(form, lambda: _save(form, department), _("Department saved."),
                      url_for("admin.department_list"))  # fmt: skip
    return done or render("admin/settings/department_form.html", status=form_status(form),
                          form=form, department=department)  # fmt: skip


@bp.post("/settings/departments/<int:department_id>/delete")
@admin_required
def department_delete(department_id: int):
    department = db.get_or_404(Department, department_id)
    return run_action(lambda: db.session.delete(department),
                      _("Department deleted; its tickets remain, without a department."),
                      url_for("admin.department_list"))  # fmt: skip
