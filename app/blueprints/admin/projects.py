"""Projects in the dashboard: list with filters, new, edit, delete, a customer's projects."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.choose import customer_chooser
from app.blueprints.admin.custom_form import custom_form, fill_custom
from app.blueprints.admin.customers import customer_tab, get_customer
from app.blueprints.admin.my_tasks import customer_tasks_context
from app.blueprints.posting import confirmed_action, saved_form
from app.forms.projects import ProjectForm
from app.htmx import form_status, render
from app.models import PROJECT_STATUSES, Customer, Project
from app.parsing import parse_id
from app.services.custom_fields.filters import list_context, list_fields
from app.services.custom_fields.records import checked_with_custom, saved_with_custom
from app.services.languages import screen
from app.services.lists import paginate
from app.services.projects.queries import ProjectFilters, projects_query
from app.services.projects.queries import customer_projects as customer_projects_of
from app.services.projects.service import (
    ProjectInput,
    check_project,
    create_project,
    delete_project,
    task_counts,
    update_project,
)
from app.services.scope import scope_of


def _list_context(projects: list[Project]) -> dict:
    """Projects with their (done, total) task counts, read in one query."""
    return {"projects": projects, "counts": task_counts([p.id for p in projects])}


@bp.get("/projects")
def project_list():
    fields = list_fields("project")
    filters = ProjectFilters.from_args(request.args, fields, screen())
    page = paginate(projects_query(filters, scope_of(current_user)), request.args, "projects")
    custom = list_context(fields, filters, [p.id for p in page.items], "project")
    return render("admin/projects/list.html", block="results", filters=filters,
                  project_statuses=PROJECT_STATUSES, page=page,
                  **_list_context(page.items), **custom)  # fmt: skip


@bp.get("/customers/<int:customer_id>/projects")
def customer_projects(customer_id: int):
    """The customer's projects, then its standalone tasks (the Tasks section)."""
    return customer_tab(customer_id, "projects", customer_projects_of,
                        extra=lambda projects: {**_list_context(projects),
                                                **customer_tasks_context(customer_id)})  # fmt: skip


def _input(form: ProjectForm) -> ProjectInput:
    return ProjectInput(name=form.name.data or "", description=form.description.data or "",
                        status=form.status.data or "", start_date=form.start_date.data,
                        deadline=form.deadline.data)  # fmt: skip


def _saved(form, save, message: str):
    """The project form's post, its service checks (and its custom fields') beside the form's;
    on to the project."""

    def check():
        checked_with_custom("project", form.data, lambda: check_project(_input(form)))

    return saved_form(form, lambda: saved_with_custom("project", form.data, save), message,
                      lambda project: url_for("admin.project_detail", project_id=project.id),
                      check=check)  # fmt: skip


@bp.route("/projects/new", methods=["GET", "POST"])
def project_create():
    """Without a customer, find one first; then the project form for that customer."""
    customer_id = parse_id(request.values.get("customer"))
    if request.method == "GET" and customer_id is None:
        return customer_chooser("project")
    if request.method == "GET":
        get_customer(customer_id)
    form = custom_form(ProjectForm, "project")(customer=str(customer_id or ""))
    user = current_user._get_current_object()
    done = _saved(form, lambda: create_project(customer_id, _input(form), user),
                  _("Project created."))  # fmt: skip
    customer = scope_of(current_user).get(Customer, customer_id or 0)
    return done or render("admin/projects/form.html", status=form_status(form), form=form,
                          customer=customer, project=None)  # fmt: skip


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
def project_edit(project_id: int):
    project = scope_of(current_user).get_or_404(Project, project_id)
    form = custom_form(ProjectForm, "project")(obj=project if request.method == "GET" else None)
    del form.customer  # a project stays with its customer
    if request.method == "GET":
        fill_custom(form, "project", project.id)

    def save():
        update_project(project, _input(form), current_user._get_current_object())
        return project

    return _saved(form, save, _("Project saved.")) or render(
        "admin/projects/form.html", status=form_status(form), form=form,
        customer=project.customer, project=project)  # fmt: skip


@bp.route("/projects/<int:project_id>/delete", methods=["GET", "POST"])
def project_delete(project_id: int):
    """GET asks for confirmation; POST deletes the project, its tasks and comments."""
    project = scope_of(current_user).get_or_404(Project, project_id)
    user = current_user._get_current_object()
    return confirmed_action(
        lambda: render("admin/projects/delete.html", project=project),
        lambda: delete_project(project, user), _("Project deleted."),
        url_for("admin.customer_projects", customer_id=project.customer_id))  # fmt: skip
