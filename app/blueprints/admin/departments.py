"""Settings → Departments (admin only): support departments and the staff who get their tickets."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import run_action, saved_form
from app.forms.tickets import DepartmentForm
from app.htmx import form_status, render
from app.models import Department
from app.services.scope import scope_of
from app.services.staff import active_staff
from app.services.tickets.departments import all_departments, delete_department, save_department


def _save(form, department):
    return save_department(department, form.name.data, form.members.data or [])


@bp.route("/settings/departments", methods=["GET", "POST"])
def department_list():
    form = DepartmentForm(active_staff())
    done = saved_form(form, lambda: _save(form, None), _("Department added."),
                      url_for("admin.department_list"))  # fmt: skip
    return done or render(
        "admin/settings/departments.html", status=form_status(form), form=form,
        departments=all_departments(),
    )  # fmt: skip


@bp.route("/settings/departments/<int:department_id>", methods=["GET", "POST"])
def department_edit(department_id: int):
    department = scope_of(current_user).get_or_404(Department, department_id)
    form = DepartmentForm(active_staff(), obj=None if request.method == "POST" else department)
    if request.method == "GET":
        form.members.data = [m.id for m in department.members]
    done = saved_form(form, lambda: _save(form, department), _("Department saved."),
                      url_for("admin.department_list"))  # fmt: skip
    return done or render("admin/settings/department_form.html", status=form_status(form),
                          form=form, department=department)  # fmt: skip


@bp.post("/settings/departments/<int:department_id>/delete")
def department_delete(department_id: int):
    department = scope_of(current_user).get_or_404(Department, department_id)
    return run_action(lambda: delete_department(department),
                      _("Department deleted; its tickets remain, without a department."),
                      url_for("admin.department_list"))  # fmt: skip
