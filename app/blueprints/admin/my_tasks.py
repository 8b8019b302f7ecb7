"""My tasks (every staff member's tasks, marked done from the list, and their calendar link)
and a customer's standalone tasks (made on its Projects tab)."""

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.admin import bp
from app.blueprints.admin.customer_header import customer_header
from app.blueprints.admin.customers import get_customer
from app.blueprints.admin.project_tasks import task_update_form
from app.blueprints.posting import reload_goes_to, run_action, saved_form
from app.forms.projects import TaskForm
from app.htmx import hx_trigger, render
from app.links import external_url
from app.models import Task
from app.parsing import parse_id
from app.services.calendar.links import calendar_token, regenerate_link
from app.services.lists import paginate
from app.services.projects.my_tasks import (
    MY_TASK_STATUSES,
    MyTaskFilters,
    customer_tasks,
    load_my_task,
    mark_done,
)
from app.services.projects.my_tasks import (
    my_tasks as my_tasks_of,
)
from app.services.projects.queries import customer_projects as customer_projects_of
from app.services.projects.service import add_task, delete_task, task_counts, update_task
from app.services.projects.status import task_is_overdue as is_overdue
from app.services.scope import scope_of
from app.services.staff import active_staff


def _me():
    return current_user._get_current_object()


def _calendar_context() -> dict:
    """The person's feed link (None until they make one) and the value that names it."""
    me = _me()
    token = calendar_token(me)
    url = external_url("calendar.feed", token=token) if token else None
    return {"calendar_url": url, "calendar_nonce": me.calendar_nonce if token else ""}


def _page(block: str = "results"):
    filters = MyTaskFilters.from_args(request.values)
    page = paginate(my_tasks_of(_me(), filters), request.values, "my_tasks")
    return render("admin/tasks/mine.html", block=block, filters=filters, page=page,
                  statuses=MY_TASK_STATUSES, is_overdue=is_overdue,
                  **_calendar_context())  # fmt: skip


@bp.get("/tasks")
def my_tasks():
    return _page()


@bp.post("/tasks/<int:task_id>/done")
def my_task_done(task_id: int):
    """Mark one of my tasks done; htmx gets the list again (same filters), without the task
    when it lists open tasks. Someone else's task is a 404."""
    task = load_my_task(task_id, _me()) or abort(404)
    message = _("Task marked done: %(name)s", name=task.name)
    back = url_for("admin.my_tasks", status=request.form.get("status"))
    toast = {"message": message}
    return run_action(lambda: mark_done(task), message, back,
                      htmx=lambda _done: hx_trigger(_page(), showToast=toast))  # fmt: skip


@bp.post("/tasks/calendar")
def my_calendar_link():
    """Make the calendar link, or a new one in place of the one shown (the old one stops)."""
    shown = request.form.get("nonce") or None
    message = _("Your calendar link is ready. Any earlier link no longer works.")
    return run_action(lambda: regenerate_link(_me(), shown), message, url_for("admin.my_tasks"),
                      htmx=lambda _done: hx_trigger(_page("calendar"),
                                                    showToast={"message": message}))  # fmt: skip


def customer_tasks_context(customer_id: int, form: TaskForm | None = None, failed=None) -> dict:
    """The Tasks section of a customer's Projects tab: its standalone tasks, each with its
    update form (`failed`: (task id, the form as posted)), and the new task form."""
    staff = active_staff()
    form = form or TaskForm(staff, prefix="task", formdata=None)
    tasks = customer_tasks(customer_id, scope_of(_me()))
    update_forms = {t.id: task_update_form(t, staff) for t in tasks}
    if failed is not None:
        update_forms[failed[0]] = failed[1]
    return {"tasks": tasks, "is_overdue": is_overdue, "task_form": form,
            "update_forms": update_forms}  # fmt: skip


def _tasks_section(customer, form: TaskForm | None = None, status: int = 200, failed=None):
    """The Projects tab (htmx: its Tasks section), with the task form as posted."""
    page = paginate(customer_projects_of(customer.id, scope_of(_me())), request.args,
                    "customer_tab")  # fmt: skip
    return render("admin/customers/projects.html", block="tasks", status=status, page=page,
                  counts=task_counts([p.id for p in page.items]),
                  **customer_header(customer, "projects"),
                  **customer_tasks_context(customer.id, form, failed))  # fmt: skip


@bp.route("/customers/<int:customer_id>/tasks", methods=["GET", "POST"])
@reload_goes_to(lambda customer_id: url_for("admin.customer_projects", customer_id=customer_id))
def customer_task_create(customer_id: int):
    """A standalone task of the customer (on its Projects tab)."""
    customer = get_customer(customer_id)
    form = TaskForm(active_staff(), prefix="task")
    back = url_for("admin.customer_projects", customer_id=customer.id, _anchor="tasks")
    message = _("Task added.")

    def add():
        return add_task(customer, form.name.data, form.status.data, form.due_date.data,
                        parse_id(form.assignee.data), _me())  # fmt: skip

    return saved_form(form, add, message, back,
                      htmx=lambda _task: hx_trigger(_tasks_section(customer),
                                                    showToast={"message": message})
                      ) or _tasks_section(customer, form, 422)  # fmt: skip


def _standalone_task(customer_id: int, task_id: int) -> Task:
    """A standalone task of this customer, or 404 (a project's task is changed on its page)."""
    task = scope_of(_me()).get_or_404(Task, task_id)
    return task if task.customer_id == customer_id and task.project_id is None else abort(404)


def _tasks_after(customer, message: str) -> dict:
    """Where a change goes: htmx gets the fresh Tasks section and a toast, a browser without
    JavaScript the Projects tab (and the message as a flash)."""

    def section(_done):
        return hx_trigger(_tasks_section(customer), showToast={"message": message})

    to = url_for("admin.customer_projects", customer_id=customer.id, _anchor="tasks")
    return {"message": message, "to": to, "htmx": section}


@bp.post("/customers/<int:customer_id>/tasks/<int:task_id>")
def customer_task_update(customer_id: int, task_id: int):
    task = _standalone_task(customer_id, task_id)
    customer = get_customer(customer_id)
    form = task_update_form(task, active_staff(), formdata=request.form)

    def update():
        update_task(task, form.status.data, form.due_date.data, parse_id(form.assignee.data))

    return saved_form(form, update, **_tasks_after(customer, _("Task updated."))) or _tasks_section(
        customer, status=422, failed=(task.id, form)
    )


@bp.post("/customers/<int:customer_id>/tasks/<int:task_id>/delete")
def customer_task_delete(customer_id: int, task_id: int):
    task = _standalone_task(customer_id, task_id)
    customer = get_customer(customer_id)
    return run_action(lambda: delete_task(task), **_tasks_after(customer, _("Task deleted.")))
