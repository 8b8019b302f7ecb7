"""Settings → Departments (admin only): support departments and the staff who get their tickets."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.blueprints.admin import admin_required, bp
from app.extensions import db
from app.forms.tickets import DepartmentForm
from app.htmx import form_status, render
from app.models import Department, User
from app.services.staff import active_staff


def _save(form, department):
    name = form.name.data.strip()
    taken = db.session.scalar(select(Department).where(func.lower(Department.name) == name.lower()))
    if taken is not None and taken is not department:
        form.name.errors = [_("A department with this name already exists.")]
        return None
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
    if form.validate_on_submit() and _save(form, None) is not None:
        db.session.commit()
        flash(_("Department added."), "success")
        return redirect(url_for("admin.department_list"), 303)
    departments = db.session.scalars(select(Department).order_by(Department.name)).all()
    status = form_status(form)
    return render("admin/settings/departments.html", status=status, form=form,
                  departments=departments)  # fmt: skip


@bp.route("/settings/departments/<int:department_id>", methods=["GET", "POST"])
@admin_required
def department_edit(department_id: int):
    department = db.get_or_404(Department, department_id)
    form = DepartmentForm(active_staff(), obj=None if request.method == "POST" else department)
    if request.method == "GET":
        form.members.data = [m.id for m in department.members]
    if form.validate_on_submit() and _save(form, department) is not None:
        db.session.commit()
        flash(_("Department saved."), "success")
        return redirect(url_for("admin.department_list"), 303)
    status = form_status(form)
    return render("admin/settings/department_form.html", status=status, form=form,
                  department=department)  # fmt: skip


@bp.post("/settings/departments/<int:department_id>/delete")
@admin_required
def department_delete(department_id: int):
    department = db.get_or_404(Department, department_id)
    db.session.delete(department)
    db.session.commit()
    flash(_("Department deleted; its tickets remain, without a department."), "success")
    return redirect(url_for("admin.department_list"), 303)
