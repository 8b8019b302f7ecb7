"""Projects in the portal: the customer's projects, their tasks and comments on a task."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.portal import bp, module_required
from app.blueprints.posting import saved_form
from app.extensions import db
from app.forms.projects import CommentForm, comment_forms
from app.htmx import render
from app.models import Project
from app.services.custom_fields.values import shown_values
from app.services.languages import screen
from app.services.lists import paginate
from app.services.projects.comments import comments_closed_message, contact_comment
from app.services.projects.queries import portal_projects
from app.services.projects.service import (
    load_project,
    load_task,
    project_progress,
    task_counts,
)
from app.services.projects.status import CLOSED_STATUSES
from app.services.scope import scope_of


def own_project(project_id: int) -> Project:
    """A project of the signed-in contact's customer (tasks and comments loaded), or 404."""
    return load_project(project_id, scope_of(current_user)) or abort(404)


def _page_context(project: Project) -> dict:
    """What the page needs besides the project: progress, comment forms, closed or not."""
    closed = project.status in CLOSED_STATUSES
    return {
        "progress_of_tasks": project_progress(project),
        "comment_forms": comment_forms(project.tasks),
        "closed_message": comments_closed_message() if closed else None,
        "custom_values": shown_values("project", project.id, screen(), "in_portal"),
    }


@bp.get("/projects")
@module_required("projects")
def project_list():
    page = paginate(portal_projects(scope_of(current_user)), request.args, "portal")
    return render("portal/projects/list.html", block="results", page=page,
                  counts=task_counts([p.id for p in page.items]))  # fmt: skip


@bp.get("/projects/<int:project_id>")
@module_required("projects")
def project_detail(project_id: int):
    project = own_project(project_id)
    return render("portal/projects/detail.html", project=project, **_page_context(project))


@bp.post("/projects/<int:project_id>/tasks/<int:task_id>/comments")
@module_required("projects")
def task_comment(project_id: int, task_id: int):
    """Comment on a task: htmx gets the task back (422 with the message beside the field)."""
    project = own_project(project_id)
    task = load_task(project, task_id) or abort(404)
    form = CommentForm(prefix=f"comment{task.id}")
    contact = current_user._get_current_object()

    def sent(_comment):
        """htmx: the task again, its new comment in place (no flash)."""
        db.session.refresh(task)
        return render("portal/projects/detail.html", block="task", project=project,
                      task=task, sent=True, **_page_context(project))  # fmt: skip

    done = saved_form(
        form, lambda: contact_comment(task, contact, form.body.data), _("Your comment is sent."),
        url_for("portal.project_detail", project_id=project.id, _anchor=f"task-{task.id}"),
        htmx=sent,
    )  # fmt: skip
    if done:
        return done
    context = _page_context(project)
    context["comment_forms"][task.id] = form
    return render("portal/projects/detail.html", block="task", status=422, project=project,
                  task=task, **context)  # fmt: skip
