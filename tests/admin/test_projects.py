"""Projects in the dashboard: list and filters, the project form's rules, tasks, comments."""

import json
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivityLog, Customer, Project, Task, TaskComment
from app.services.customers.search import reindex_customer
from tests.factories import make_contact, make_customer, make_project, make_user


@pytest.fixture
def staff(client, ctx, login_as):
    user = make_user(name="Sam Sales")
    login_as(user)
    return user


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def error_beside(body: str, field: str) -> str:
    """The error paragraph the forms macro renders next to a field ("" without one)."""
    found = re.search(rf'<p class="error" id="{re.escape(field)}-error"[^>]*>(.*?)</p>', body, re.S)
    return found.group(1) if found else ""


def project_form(customer_id, **overrides) -> dict:
    data = {
        "customer": str(customer_id),
        "name": "Online shop",
        "description": "Shop <b>with</b> https://example.com/spec",
        "status": "in_progress",
        "start_date": "2026-12-01",
        "deadline": "2027-02-28",
        **overrides,
    }
    return {k: v for k, v in data.items() if v is not None}


def test_create_a_project_for_a_customer(client, staff):
    customer = make_customer(company="Acme")
    form_url = f"/admin/projects/new?customer={customer.id}"
    assert "Acme" in client.get(form_url).get_data(as_text=True)
    response = client.post_form(
        "/admin/projects/new", project_form(customer.id), token_from=form_url
    )
    assert response.status_code == 303
    project = db.session.scalars(select(Project)).one()
    assert (project.customer_id, project.name, project.status) == (
        customer.id,
        "Online shop",
        "in_progress",
    )
    assert (project.start_date, project.deadline) == (date(2026, 12, 1), date(2027, 2, 28))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Shop &lt;b&gt;with&lt;/b&gt;" in page and 'href="https://example.com/spec"' in page
    actions = db.session.scalars(select(ActivityLog.action)).all()
    assert "project.created" in actions


def test_new_project_without_customer_asks_for_one(client, staff):
    from app.services.customers.search import reindex_customer

    reindex_customer(make_customer(company="Boulangerie Martin"))
    db.session.commit()
    page = client.get("/admin/projects/new?q=boulangerie").get_data(as_text=True)
    assert "New project" in page and "/admin/projects/new?customer=" in page
    assert client.get("/admin/projects/new?customer=999999").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "x" * 201}, "name", "Use at most 200 characters."),
        ({"deadline": "2026-11-30"}, "deadline", "The deadline cannot be before the start date."),
        ({"status": "bogus"}, "status", "Choose a status from the list."),
        ({"customer": "999999"}, "customer", "Choose a customer from the list."),
        ({"customer": "abc"}, "customer", "Choose a customer from the list."),
        ({"start_date": "31/31/2026"}, "start_date", "Not a valid date value."),
        ({"name": "A\x07B"}, "name", "Line breaks and control characters are not allowed"),
        ({"start_date": "0001-01-01"}, "start_date", "Enter a date between 2000 and 2100."),
        ({"deadline": "9999-12-31"}, "deadline", "Enter a date between 2000 and 2100."),
    ],
)
def test_bad_project_input_is_refused_beside_the_field(client, staff, overrides, field, message):
    customer = make_customer()
    response = client.post_form(
        "/admin/projects/new", project_form(customer.id, **overrides), token_from="/admin/projects"
    )
    assert response.status_code == 422
    assert message in error_beside(response.get_data(as_text=True), field)
    assert count(Project) == 0


def test_edit_keeps_the_customer_and_logs_a_status_change(client, staff):
    project = make_project(status="not_started")
    url = f"/admin/projects/{project.id}/edit"
    assert "Website" in client.get(url).get_data(as_text=True)
    other = make_customer()
    data = project_form(other.id, name="Website v2", status="on_hold", deadline="")
    assert client.post_form(url, data, token_from=url).status_code == 303
    db.session.expire_all()
    project = db.session.get(Project, project.id)
    assert (project.name, project.status, project.deadline) == ("Website v2", "on_hold", None)
    assert project.customer_id != other.id
    assert db.session.scalar(select(ActivityLog.action).order_by(ActivityLog.id.desc())) == (
        "project.status_changed"
    )
    bad = client.post_form(url, project_form(1, deadline="2020-01-01"), token_from=url)
    assert bad.status_code == 422
    assert "The deadline cannot be before the start date." in bad.get_data(as_text=True)


def test_list_filters_progress_and_overdue(client, staff):
    late = make_project(
        make_customer(company="Acme"),
        name="Alpha",
        status="in_progress",
        deadline=date.today() - timedelta(days=3),
        tasks=[("a", "done"), ("b", "todo"), ("c", "in_progress"), ("d", "done")],
    )
    make_project(make_customer(company="Globex Genève"), name="Beta", status="finished")
    make_project(make_customer(company="Initech"), name="Gamma Élan", status="on_hold")
    for customer in db.session.scalars(select(Customer)):
        reindex_customer(customer)  # as saving a customer does
    db.session.commit()

    def names(**params):
        body = client.get("/admin/projects", query_string=params).get_data(as_text=True)
        return sorted(n for n in ("Alpha", "Beta", "Gamma") if f">{n}" in body)

    assert names() == ["Alpha", "Gamma"]  # finished and cancelled hidden by default
    assert names(status="all") == ["Alpha", "Beta", "Gamma"]
    assert names(status="finished") == ["Beta"]
    assert names(status="all", q="globex") == ["Beta"]
    assert names(status="all", q="gam") == ["Gamma"]
    assert names(status="all", q="elan") == ["Gamma"]  # accents ignored, on SQLite too
    assert names(status="all", q="geneve glob") == ["Beta"]  # the customer's words, any order
    assert names(status="all", q="%") == []
    assert names(status="bogus") == ["Alpha", "Gamma"]
    page = client.get("/admin/projects").get_data(as_text=True)
    assert 'value="50"' in page and "50 % · Tasks done: 2 of 4" in page
    assert "0 % · Tasks done: 0 of 0" in page  # Gamma, without tasks
    assert 'class="overdue"' in page
    detail = client.get(f"/admin/projects/{late.id}").get_data(as_text=True)
    assert 'value="50"' in detail and "Tasks done: 2 of 4" in detail
    fragment = client.get("/admin/projects?q=alpha", headers={"HX-Request": "true"})
    assert fragment.get_data(as_text=True).lstrip().startswith('<section id="results"')


def test_list_reads_task_counts_in_a_fixed_number_of_queries(client, staff, app):
    from sqlalchemy import event

    for n in range(6):
        make_project(name=f"P{n}", tasks=[("t", "done"), ("u", "todo")])
    statements = []

    def count_statement(*args):
        statements.append(args[2])

    with app.app_context():
        engine = db.engine
    client.get("/admin/projects")  # what the process keeps (settings...) is read once
    event.listen(engine, "before_cursor_execute", count_statement)
    try:
        client.get("/admin/projects")
        six = len(statements)
        make_project(name="P6", tasks=[("t", "done")])
        statements.clear()
        client.get("/admin/projects")
    finally:
        event.remove(engine, "before_cursor_execute", count_statement)
    assert len(statements) == six


def test_customer_tab_lists_its_projects(client, staff):
    customer = make_customer(company="Acme")
    make_project(customer, name="Mine", status="finished")
    make_project(name="Theirs")
    page = client.get(f"/admin/customers/{customer.id}/projects").get_data(as_text=True)
    assert "Mine" in page and "Theirs" not in page
    assert f"/admin/projects/new?customer={customer.id}" in page
    assert 'aria-current="page">Projects</a>' in page


def test_tasks_add_change_delete(client, staff):
    project = make_project()
    url = f"/admin/projects/{project.id}"
    hx = {"HX-Request": "true"}
    response = client.post_form(
        f"{url}/tasks",
        {"new-name": "Wireframes", "new-status": "todo", "new-due_date": "2026-12-15",
         "new-assignee": str(staff.id)},
        token_from=url, headers=hx,
    )  # fmt: skip
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="tasks"') and "Wireframes" in body
    assert json.loads(response.headers["HX-Trigger"])["showToast"]["message"] == "Task added."
    task = db.session.scalars(select(Task)).one()
    assert (task.status, task.due_date, task.assignee_id) == ("todo", date(2026, 12, 15), staff.id)

    prefix = f"task{task.id}-"
    data = {prefix + "status": "done", prefix + "assignee": "", prefix + "due_date": ""}
    assert client.post_form(f"{url}/tasks/{task.id}", data, token_from=url).status_code == 303
    db.session.expire_all()
    task = db.session.get(Task, task.id)
    assert (task.status, task.due_date, task.assignee_id) == ("done", None, None)
    page = client.get(url).get_data(as_text=True)
    assert "100 % · Tasks done: 1 of 1" in page and "Task updated." in page  # flashed, no htmx

    response = client.post_form(f"{url}/tasks/{task.id}/delete", {}, token_from=url, headers=hx)
    assert response.status_code == 200 and "Wireframes" not in response.get_data(as_text=True)
    assert "Task deleted." in response.headers["HX-Trigger"]
    assert count(Task) == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"new-name": ""}, "This field is required."),
        ({"new-status": "bogus"}, "Choose a status from the list."),
        ({"new-assignee": "999999"}, "Choose a staff member from the list."),
        ({"new-due_date": "tomorrow"}, "Not a valid date value."),
        ({"new-due_date": "9999-12-31"}, "Enter a date between 2000 and 2100."),
        ({"new-due_date": "0001-01-01"}, "Enter a date between 2000 and 2100."),
    ],
)
def test_bad_task_input_is_refused_beside_the_field(client, staff, overrides, message):
    project = make_project()
    url = f"/admin/projects/{project.id}"
    data = {"new-name": "Wireframes", "new-status": "todo", "new-assignee": "", **overrides}
    response = client.post_form(
        f"{url}/tasks", data, token_from=url, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    field = next(iter(overrides))
    assert message in error_beside(response.get_data(as_text=True), field)
    assert count(Task) == 0


def test_a_task_due_date_out_of_range_is_refused_on_update(client, staff):
    project = make_project(tasks=[("Design", "todo")])
    task = project.tasks[0]
    url = f"/admin/projects/{project.id}"
    data = {f"task{task.id}-status": "done", f"task{task.id}-due_date": "9999-12-31"}
    response = client.post_form(f"{url}/tasks/{task.id}", data, token_from=url)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Enter a date between 2000 and 2100." in error_beside(body, f"task{task.id}-due_date")
    db.session.expire_all()
    assert (db.session.get(Task, task.id).status, db.session.get(Task, task.id).due_date) == (
        "todo",
        None,
    )


def test_progress_is_the_same_on_the_list_and_the_page(client, staff):
    project = make_project(tasks=[("a", "done"), ("b", "done"), ("c", "todo")])
    listing = client.get("/admin/projects").get_data(as_text=True)
    customer_tab = client.get(f"/admin/customers/{project.customer_id}/projects")
    page = client.get(f"/admin/projects/{project.id}").get_data(as_text=True)
    for body in (listing, customer_tab.get_data(as_text=True), page):
        assert 'value="66"' in body and "66 % · Tasks done: 2 of 3" in body


def test_an_inactive_staff_member_cannot_be_assigned(client, staff):
    gone = make_user(active=False)
    project = make_project(tasks=[("Design", "todo")])
    task = project.tasks[0]
    url = f"/admin/projects/{project.id}"
    data = {f"task{task.id}-status": "todo", f"task{task.id}-assignee": str(gone.id)}
    response = client.post_form(f"{url}/tasks/{task.id}", data, token_from=url)
    assert response.status_code == 422
    assert "Choose a staff member from the list." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Task, task.id).assignee_id is None


def test_a_task_keeps_its_assignee_after_they_become_inactive(client, staff):
    gone = make_user(name="Gus Gone")
    project = make_project(tasks=[("Design", "todo")])
    task = project.tasks[0]
    task.assignee = gone
    gone.active = False
    db.session.commit()
    url = f"/admin/projects/{project.id}"
    page = client.get(url).get_data(as_text=True)
    assert f'<option selected value="{gone.id}">Gus Gone (inactive)</option>' in page
    new_task_form = page[page.index('class="panel task-new"') :]
    assert "Gus Gone" not in new_task_form  # not offered for new work
    data = {f"task{task.id}-status": "done", f"task{task.id}-assignee": str(gone.id)}
    assert client.post_form(f"{url}/tasks/{task.id}", data, token_from=url).status_code == 303
    db.session.expire_all()
    assert (db.session.get(Task, task.id).status, db.session.get(Task, task.id).assignee_id) == (
        "done",
        gone.id,
    )


def test_a_task_of_another_project_is_not_found(client, staff):
    mine, other = make_project(), make_project(tasks=[("Theirs", "todo")])
    task_id = other.tasks[0].id
    url = f"/admin/projects/{mine.id}"
    token = client.csrf_token(url)
    for path in (f"{url}/tasks/{task_id}", f"{url}/tasks/{task_id}/delete",
                 f"{url}/tasks/{task_id}/comments"):  # fmt: skip
        assert client.post(path, data={"csrf_token": token}).status_code == 404, path
    assert client.get("/admin/projects/999999").status_code == 404
    assert count(Task) == 1


def test_staff_comment_and_empty_comment(client, staff):
    project = make_project(tasks=[("Design", "todo")])
    task = project.tasks[0]
    url = f"/admin/projects/{project.id}"
    field = f"comment{task.id}-body"
    empty = client.post_form(f"{url}/tasks/{task.id}/comments", {field: "  "}, token_from=url,
                             headers={"HX-Request": "true"})  # fmt: skip
    assert empty.status_code == 422 and "This field is required." in empty.get_data(as_text=True)
    assert count(TaskComment) == 0
    ok = client.post_form(f"{url}/tasks/{task.id}/comments", {field: "Mock-ups are ready."},
                          token_from=url)  # fmt: skip
    assert ok.status_code == 303
    comment = db.session.scalars(select(TaskComment)).one()
    assert (comment.user_id, comment.contact_id) == (staff.id, None)
    assert "Mock-ups are ready." in client.get(url).get_data(as_text=True)


def test_delete_a_project_after_confirming(client, staff):
    project = make_project(tasks=[("Design", "todo")])
    project.tasks[0].comments.append(TaskComment(body="hi"))
    db.session.commit()
    url = f"/admin/projects/{project.id}/delete"
    page = client.get(url).get_data(as_text=True)
    assert "Delete the project" in page
    assert "Its only task and the task's comments will be deleted too. This cannot" in page
    response = client.post_form(url, {}, token_from=url)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/admin/customers/{project.customer_id}/projects")
    assert (count(Project), count(Task), count(TaskComment)) == (0, 0, 0)
    assert "project.deleted" in db.session.scalars(select(ActivityLog.action)).all()


def test_deleting_a_customer_deletes_its_projects(client, staff):
    project = make_project(tasks=[("Design", "todo")])
    make_contact(project.customer)
    url = f"/admin/customers/{project.customer_id}/delete"
    assert client.post_form(url, {}, token_from=url).status_code == 303
    assert (count(Project), count(Task)) == (0, 0)


def test_every_project_problem_is_shown_at_once(client, staff):
    data = project_form(make_customer().id, name="", deadline="2026-11-30")
    response = client.post_form("/admin/projects/new", data, token_from="/admin/projects")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This field is required." in error_beside(page, "name")
    assert "The deadline cannot be before the start date." in error_beside(page, "deadline")
