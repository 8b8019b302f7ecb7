"""My tasks: standalone tasks made on a customer's Projects tab, each person's list across
projects and customers (overdue first, then by due date, filtered by status), marked done once
however many clicks, and nobody else's task reachable."""

import html
import threading
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import Task
from tests.factories import (
    make_admin,
    make_customer,
    make_project,
    make_role,
    make_sign_in,
    make_user,
)

TODAY = date.today()
HTMX = {"HX-Request": "true"}


def tasks_url(customer) -> str:
    return f"/admin/customers/{customer.id}/tasks"


def tab_url(customer) -> str:
    return f"/admin/customers/{customer.id}/projects"


def make_task(customer, name, assignee=None, due=None, status="todo", made_by=None) -> Task:
    task = Task(customer=customer, name=name, status=status, due_date=due, assignee=assignee,
                created_by_id=made_by.id if made_by else None)  # fmt: skip
    db.session.add(task)
    db.session.commit()
    return task


def test_a_standalone_task_is_made_on_the_customer_and_shows_on_my_tasks(client, ctx, login_as):
    me = make_admin(name="Claire")
    login_as(me)
    customer = make_customer(company="Boulangerie Martin")
    data = {"task-name": "Call about the renewal", "task-status": "todo",
            "task-assignee": str(me.id), "task-due_date": "2026-12-15"}  # fmt: skip
    response = client.post_form(tasks_url(customer), data, token_from=tab_url(customer))
    assert response.status_code == 303
    tab = html.unescape(client.get(tab_url(customer)).get_data(as_text=True))
    assert "Task added." in tab and "Call about the renewal" in tab and "Assignee: Claire" in tab
    task = db.session.scalar(select(Task))
    assert (task.project_id, task.customer_id, task.created_by_id) == (None, customer.id, me.id)
    assert task.due_date == date(2026, 12, 15)
    mine = html.unescape(client.get("/admin/tasks").get_data(as_text=True))
    assert "Call about the renewal" in mine and "Boulangerie Martin" in mine


def test_an_unassigned_standalone_task_is_on_its_makers_list(client, ctx, login_as):
    me = make_admin()
    login_as(me)
    customer = make_customer()
    data = {"task-name": "Send the samples", "task-status": "todo", "task-assignee": ""}
    client.post_form(tasks_url(customer), data, token_from=tab_url(customer))
    assert "Send the samples" in client.get("/admin/tasks").get_data(as_text=True)
    login_as(make_admin())
    assert "Send the samples" not in client.get("/admin/tasks").get_data(as_text=True)


def test_bad_tasks_are_refused_beside_the_field_and_nothing_is_written(client, ctx, login_as):
    login_as(make_admin())
    customer = make_customer()
    gone = make_user(active=False)
    base = {"task-name": "Call", "task-status": "todo", "task-assignee": ""}
    for change, message in (
        ({"task-name": "   "}, "This field is required."),
        ({"task-due_date": "tomorrow"}, "Not a valid date value."),
        ({"task-due_date": "15/12/2026"}, "Not a valid date value."),
        ({"task-status": "finished"}, "Choose a status from the list."),
        ({"task-assignee": str(gone.id)}, "Choose a staff member from the list."),
        ({"task-name": "x" * 201}, "200"),
    ):
        response = client.post_form(tasks_url(customer), {**base, **change},
                                    token_from=tab_url(customer),
                                    headers={"HX-Request": "true"})  # fmt: skip
        assert response.status_code == 422, change
        page = html.unescape(response.get_data(as_text=True))
        assert message in page and "Nothing was saved." in page, change
        assert 'id="tasks"' in page
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0


def test_my_tasks_lists_overdue_first_then_by_due_date_with_project_or_customer(
    client, ctx, login_as
):
    me, other = make_admin(), make_admin()
    customer = make_customer(company="Atelier Nord")
    project = make_project(customer, name="Website",
                           tasks=[("Project task later", "in_progress", me)])  # fmt: skip
    project.tasks[0].due_date = TODAY + timedelta(days=20)
    db.session.commit()
    make_task(customer, "Due next week", me, TODAY + timedelta(days=7))
    make_task(customer, "Late by a month", me, TODAY - timedelta(days=30))
    make_task(customer, "No due date", me)
    make_task(customer, "Late by a day", me, TODAY - timedelta(days=1))
    make_task(customer, "Done long ago", me, TODAY - timedelta(days=60), status="done")
    make_task(customer, "Someone else's", other, TODAY)
    login_as(me)
    page = html.unescape(client.get("/admin/tasks").get_data(as_text=True))
    order = ["Late by a month", "Late by a day", "Due next week", "Project task later",
             "No due date"]  # fmt: skip
    positions = [page.index(name) for name in order]
    assert positions == sorted(positions)
    assert "Done long ago" not in page and "Someone else's" not in page
    assert "Website" in page and "Atelier Nord" in page
    done = html.unescape(client.get("/admin/tasks?status=done").get_data(as_text=True))
    assert "Done long ago" in done and "Late by a day" not in done
    every = html.unescape(client.get("/admin/tasks?status=all").get_data(as_text=True))
    assert "Done long ago" in every and "No due date" in every
    odd = client.get("/admin/tasks?status=nonsense")
    assert odd.status_code == 200 and "Late by a day" in odd.get_data(as_text=True)


def test_marking_done_from_the_list(client, ctx, login_as):
    me = make_admin()
    login_as(me)
    task = make_task(make_customer(), "Ring the bank", me, TODAY)
    url = f"/admin/tasks/{task.id}/done"
    response = client.post_form(url, {"status": "open"}, token_from="/admin/tasks",
                                headers={"HX-Request": "true"})  # fmt: skip
    assert response.status_code == 200
    assert "Task marked done: Ring the bank" in html.unescape(response.headers["HX-Trigger"])
    assert "Ring the bank" not in response.get_data(as_text=True)  # the open list, without it
    db.session.expire_all()
    assert db.session.get(Task, task.id).status == "done"
    again = client.post_form(url, {"status": "open"}, token_from="/admin/tasks")
    assert again.status_code == 303  # nothing to change: it stays done
    db.session.expire_all()
    assert db.session.get(Task, task.id).status == "done"


def test_someone_elses_task_is_404_to_mark_done(client, ctx, login_as):
    colleague = make_admin()
    theirs = make_task(make_customer(), "Theirs", colleague, TODAY)
    login_as(make_admin())  # an administrator too: it is not on their list
    url = f"/admin/tasks/{theirs.id}/done"
    assert client.post_form(url, {}, token_from="/admin/tasks").status_code == 404
    missing = client.post_form("/admin/tasks/999999/done", {}, token_from="/admin/tasks")
    assert missing.status_code == 404
    db.session.expire_all()
    assert db.session.get(Task, theirs.id).status == "todo"


def test_view_own_staff_see_the_standalone_tasks_of_their_customers_only(client, ctx, login_as):
    role = make_role([("customers", "view_own"), ("projects", "view_own"), ("projects", "edit")])
    me = make_user(role=role)
    mine_customer = make_customer(company="Mine Ltd", admins=[me])
    other_customer = make_customer(company="Other Ltd")
    make_task(mine_customer, "On my customer")
    make_task(other_customer, "On another customer")
    assigned = make_task(other_customer, "Assigned to me elsewhere", me, TODAY)
    login_as(me)
    tab = client.get(tab_url(mine_customer)).get_data(as_text=True)
    assert "On my customer" in tab
    assert client.get(tab_url(other_customer)).status_code == 404
    data = {"task-name": "Sneaky", "task-status": "todo", "task-assignee": ""}
    sneaky = client.post_form(tasks_url(other_customer), data, token_from=tab_url(mine_customer))
    assert sneaky.status_code == 404
    page = client.get("/admin/tasks").get_data(as_text=True)
    assert "Assigned to me elsewhere" in page and "On another customer" not in page
    url = f"/admin/tasks/{assigned.id}/done"
    assert client.post_form(url, {}, token_from="/admin/tasks").status_code == 303


def test_a_contact_never_sees_standalone_tasks(client, ctx, login_as):
    from app.services.scope import Scope
    from tests.factories import make_contact

    customer = make_customer()
    make_task(customer, "Staff only")
    make_project(customer, tasks=[("In the project", "todo")])
    contact = make_contact(customer)
    names = db.session.scalars(
        Scope(user=contact, customer_id=customer.id).narrow(select(Task.name), Task)
    ).all()
    assert names == ["In the project"]


def test_two_clicks_at_once_mark_the_task_done_once(app, ctx):
    me = make_admin()
    task_id = make_task(make_customer(), "Double click", me, TODAY).id
    url = f"/admin/tasks/{task_id}/done"
    browsers = []
    for _ in range(4):
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"], session["_fresh"] = make_sign_in(me), True
        browsers.append((browser, browser.csrf_token("/admin/")))
    barrier, statuses = threading.Barrier(len(browsers)), []

    def click(browser, token):
        barrier.wait(10)
        response = browser.post(url, data={"csrf_token": token})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=click, args=pair) for pair in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [303] * 4
    db.session.expire_all()
    assert db.session.get(Task, task_id).status == "done"


def test_a_standalone_task_is_changed_and_deleted_on_the_customer(client, ctx, login_as):
    login_as(make_admin())
    colleague = make_user(name="Bruno")
    customer = make_customer()
    task = make_task(customer, "Send the samples")
    url = f"{tasks_url(customer)}/{task.id}"
    prefix = f"task{task.id}-"
    data = {prefix + "status": "in_progress", prefix + "assignee": str(colleague.id),
            prefix + "due_date": "2026-12-20"}  # fmt: skip
    response = client.post_form(url, data, token_from=tab_url(customer), headers=HTMX)
    assert response.status_code == 200
    assert "Assignee: Bruno" in html.unescape(response.get_data(as_text=True))
    db.session.expire_all()
    changed = db.session.get(Task, task.id)
    assert (changed.status, changed.assignee_id, changed.due_date) == (
        "in_progress",
        colleague.id,
        date(2026, 12, 20),
    )
    bad = client.post_form(url, {**data, prefix + "due_date": "20.12.2026"},
                           token_from=tab_url(customer), headers=HTMX)  # fmt: skip
    assert bad.status_code == 422
    assert "Not a valid date value." in html.unescape(bad.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Task, task.id).due_date == date(2026, 12, 20)
    deleted = client.post_form(f"{url}/delete", {}, token_from=tab_url(customer))
    assert deleted.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0


def test_a_task_through_another_customer_or_a_projects_task_is_404(client, ctx, login_as):
    login_as(make_admin())
    customer, other = make_customer(), make_customer()
    theirs = make_task(other, "Theirs")
    project = make_project(customer, tasks=[("In a project", "todo")])
    for task in (theirs, project.tasks[0]):
        url = f"{tasks_url(customer)}/{task.id}"
        assert (
            client.post_form(f"{url}/delete", {}, token_from=tab_url(customer)).status_code == 404
        )
        assert client.post_form(url, {}, token_from=tab_url(customer)).status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Task)) == 2


def test_deleting_the_customer_deletes_its_standalone_tasks(client, ctx, login_as):
    me = make_admin()
    login_as(me)
    customer = make_customer()
    make_task(customer, "Goes with the customer", me, TODAY)
    url = f"/admin/customers/{customer.id}/delete"
    assert client.post_form(url, {}, token_from=url).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0
    assert "Goes with the customer" not in client.get("/admin/tasks").get_data(as_text=True)
