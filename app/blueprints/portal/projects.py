"""Projects in the portal: the customer's projects, their tasks and comments on a task."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.blueprints.portal import bp, module_required
from app.extensions import db
from app.forms import show_errors
from app.forms.projects import CommentForm
from app.htmx import is_htmx, render
from app.models import Project, Task, TaskComment
from app.services import FormErrors
from app.services.projects.comments import contact_comment
from app.services.projects.projects import find_projects, task_counts


def own_project(project_id: int) -> Project:
    """A project of the signed-in contact's customer (tasks and comments loaded), or 404."""
    project = db.session.scalar(
        select(Project)
        .where(Project.id == project_id, Project.customer_id == current_user.customer_id)
        .options(
            selectinload(Project.tasks).selectinload(Task.assignee),
            selectinload(Project.tasks).selectinload(Task.comments)
            .selectinload(TaskComment.contact),
            selectinload(Project.tasks).selectinload(Task.comments).selectinload(TaskComment.user),
        )
    )  # fmt: skip
    if project is None:
        abort(404)
    return project


@bp.get("/projects")
@module_required("projects")
def projects():
    found = find_projects(status="all", customer_id=current_user.customer_id, limit=500)
    return render("portal/projects/list.html", projects=found,
                  counts=task_counts([p.id for p in found]))  # fmt: skip


def _comment_forms(project: Project) -> dict:
    return {t.id: CommentForm(prefix=f"comment{t.id}", formdata=None) for t in project.tasks}


@bp.get("/projects/<int:project_id>")
@module_required("projects")
def project_detail(project_id: int):
    project = own_project(project_id)
    return render("portal/projects/detail.html", project=project,
                  comment_forms=_comment_forms(project))  # fmt: skip


@bp.post("/projects/<int:project_id>/tasks/<int:task_id>/comments")
@module_required("projects")
def task_comment(project_id: int, task_id: int):
    """Comment on a task: htmx gets the task back (422 with the message beside the field)."""
    project = own_project(project_id)
    task = next((t for t in project.tasks if t.id == task_id), None)
    if task is None:
        abort(404)
    form = CommentForm(prefix=f"comment{task.id}")
    if form.validate():
        try:
            contact_comment(task, current_user._get_current_object(), form.body.data)
        except FormErrors as exc:
            show_errors(form, exc)
        else:
            db.session.commit()
            if not is_htmx():
                flash(_("Your comment is sent."), "success")
                return redirect(url_for("portal.project_detail", project_id=project.id,
                                        _anchor=f"task-{task.id}"), 303)  # fmt: skip
            db.session.refresh(task)
            fresh = {task.id: CommentForm(prefix=f"comment{task.id}", formdata=None)}
            return render("portal/projects/detail.html", block="task", project=project,
                          task=task, comment_forms=fresh, sent=True)  # fmt: skip
    forms = _comment_forms(project)
    forms[task.id] = form
    return render("portal/projects/detail.html", block="task", status=422, project=project,
                  task=task, comment_forms=forms)  # fmt: skip
