"""A project's page in the dashboard: its tasks (add, change, delete) and their comments.

Every change answers htmx with the page's `tasks` block (the list, the progress bar and the
forms, errors beside their fields); without JavaScript it redirects back, or shows the page.
"""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.posting import reload_goes_to, run_action, saved_form
from app.forms.projects import CommentForm, TaskForm, TaskUpdateForm, comment_forms
from app.htmx import hx_trigger, render
from app.models import Project, Task
from app.parsing import parse_id
from app.services.custom_fields.values import shown_values
from app.services.languages import screen
from app.services.projects.comments import staff_comment
from app.services.projects.service import (
    add_task,
    delete_task,
    load_project,
    load_task,
    project_progress,
    update_task,
)
from app.services.scope import scope_of
from app.services.staff import active_staff


def get_project(project_id: int) -> Project:
    """The project with its tasks, their assignees and comments, or 404."""
    return load_project(project_id, scope_of(current_user)) or abort(404)


def get_task(project: Project, task_id: int) -> Task:
    """A task of this project, or 404."""
    return load_task(project, task_id) or abort(404)


def task_update_form(task: Task, staff, formdata=None) -> TaskUpdateForm:
    """A task's status / assignee / due date form, filled from the task unless posted."""
    form = TaskUpdateForm(staff, prefix=f"task{task.id}", formdata=formdata, assignee=task.assignee)
    if formdata is None:
        form.status.data, form.due_date.data = task.status, task.due_date
        form.assignee.data = str(task.assignee_id or "")
    return form


def _page(project: Project, status: int = 200, new_task=None, failed=None):
    """The project page (or its tasks block): forms for each task, `failed` one kept as posted."""
    staff = active_staff()
    update_forms = {t.id: task_update_form(t, staff) for t in project.tasks}
    forms = comment_forms(project.tasks)
    if failed is not None:
        task_id, form = failed
        (update_forms if isinstance(form, TaskUpdateForm) else forms)[task_id] = form
    return render("admin/projects/detail.html", block="tasks", status=status, project=project,
                  progress_of_tasks=project_progress(project),
                  task_form=new_task or TaskForm(staff, prefix="new", formdata=None),
                  update_forms=update_forms, comment_forms=forms,
                  custom_values=shown_values("project", project.id, screen(), None))  # fmt: skip


def _after(project: Project, message: str) -> dict:
    """Where a change goes: htmx gets the fresh tasks block and a toast, a browser without
    JavaScript the project's page (and the message as a flash)."""
    return {
        "message": message,
        "to": url_for("admin.project_detail", project_id=project.id),
        "htmx": lambda _done: hx_trigger(_page(get_project(project.id)),
                                         showToast={"message": message}),
    }  # fmt: skip


@bp.get("/projects/<int:project_id>")
def project_detail(project_id: int):
    return _page(get_project(project_id))


@bp.route("/projects/<int:project_id>/tasks", methods=["GET", "POST"])
@reload_goes_to(lambda project_id: url_for("admin.project_detail", project_id=project_id))
def project_task_create(project_id: int):
    project = get_project(project_id)
    form = TaskForm(active_staff(), prefix="new")

    def add():
        add_task(project, form.name.data, form.status.data, form.due_date.data,
                 parse_id(form.assignee.data))  # fmt: skip

    return saved_form(form, add, **_after(project, _("Task added."))) or _page(
        project, 422, new_task=form
    )


@bp.post("/projects/<int:project_id>/tasks/<int:task_id>")
def project_task_update(project_id: int, task_id: int):
    project = get_project(project_id)
    task = get_task(project, task_id)
    form = task_update_form(task, active_staff(), formdata=request.form)

    def update():
        update_task(task, form.status.data, form.due_date.data, parse_id(form.assignee.data))

    return saved_form(form, update, **_after(project, _("Task updated."))) or _page(
        project, 422, failed=(task.id, form)
    )


@bp.post("/projects/<int:project_id>/tasks/<int:task_id>/delete")
def project_task_delete(project_id: int, task_id: int):
    project = get_project(project_id)
    task = get_task(project, task_id)
    return run_action(lambda: delete_task(task), **_after(project, _("Task deleted.")))


@bp.post("/projects/<int:project_id>/tasks/<int:task_id>/comments")
def project_task_comment(project_id: int, task_id: int):
    project = get_project(project_id)
    task = get_task(project, task_id)
    form = CommentForm(prefix=f"comment{task.id}")
    staff = current_user._get_current_object()
    return saved_form(form, lambda: staff_comment(task, staff, form.body.data),
                      **_after(project, _("Comment added."))) or _page(
        project, 422, failed=(task.id, form))  # fmt: skip
