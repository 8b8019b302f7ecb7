"""Projects in the portal: the customer's projects only, tasks and progress, task comments."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivityLog, TaskComment
from tests.factories import make_admin, make_contact, make_customer, make_project, make_user


@pytest.fixture
def contact(client, ctx, login_as):
    make_admin(email="boss@example.com", language="fr")
    person = make_contact(make_customer(company="Acme"), first_name="Lou", last_name="Ray")
    login_as(person)
    return person


def comment_url(project, task) -> str:
    return f"/clients/projects/{project.id}/tasks/{task.id}/comments"


def test_contact_sees_its_customers_projects_tasks_and_progress(client, contact):
    designer = make_user(name="Dana Designer")
    mine = make_project(
        contact.customer,
        name="Online shop",
        status="in_progress",
        deadline=date(2027, 3, 1),
        description="Phase 1 <script>",
        tasks=[("Wireframes", "done", designer), ("Checkout", "todo")],
    )
    make_project(make_customer(company="Globex"), name="Secret plan")
    listing = client.get("/clients/projects").get_data(as_text=True)
    assert "Online shop" in listing and "Secret plan" not in listing
    assert "50 % · Tasks done: 1 of 2" in listing and "In progress" in listing
    page = client.get(f"/clients/projects/{mine.id}").get_data(as_text=True)
    assert "Wireframes" in page and "Checkout" in page and "Dana Designer" in page
    assert "Phase 1 &lt;script&gt;" in page
    assert 'value="50"' in page and "50 % · Tasks done: 1 of 2" in page


def test_staff_comments_show_the_staff_members_name(client, contact):
    designer = make_user(name="Dana Designer")
    project = make_project(contact.customer, tasks=[("Wireframes", "todo")])
    project.tasks[0].comments.append(TaskComment(user=designer, body="Draft attached."))
    db.session.commit()
    page = client.get(f"/clients/projects/{project.id}").get_data(as_text=True)
    assert "<strong>Dana Designer</strong>" in page and "Project team" not in page


@pytest.mark.parametrize("status", ["finished", "cancelled"])
def test_comments_are_closed_on_a_finished_or_cancelled_project(client, contact, inbox, status):
    project = make_project(contact.customer, status=status, tasks=[("Checkout", "todo")])
    task = project.tasks[0]
    url = f"/clients/projects/{project.id}"
    page = client.get(url).get_data(as_text=True)
    closed = "This project is finished or cancelled: comments are closed."
    assert closed in page and "Send the comment" not in page
    response = client.post_form(
        comment_url(project, task),
        {f"comment{task.id}-body": "Still there?"},
        token_from=url,
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422 and closed in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(TaskComment)) == 0
    assert inbox.messages == []


def test_staff_may_still_comment_on_a_finished_project(client, ctx, login_as):
    login_as(make_user())
    project = make_project(make_customer(), status="finished", tasks=[("Checkout", "todo")])
    task = project.tasks[0]
    url = f"/admin/projects/{project.id}"
    response = client.post_form(
        f"{url}/tasks/{task.id}/comments", {f"comment{task.id}-body": "Archived."}, token_from=url
    )
    assert response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(TaskComment)) == 1


def test_contact_comments_on_a_task_and_the_assignee_is_told(client, contact, inbox):
    designer = make_user(name="Dana Designer", email="dana@example.com", language="de")
    project = make_project(contact.customer, tasks=[("Wireframes", "in_progress", designer)])
    task = project.tasks[0]
    url = f"/clients/projects/{project.id}"
    response = client.post_form(
        comment_url(project, task),
        {f"comment{task.id}-body": "Looks good <b>but</b>\nsee https://example.com/notes"},
        token_from=url,
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith(f'<li class="task" id="task-{task.id}"')
    assert "Looks good &lt;b&gt;but&lt;/b&gt;<br>" in body
    assert 'href="https://example.com/notes"' in body and "Your comment is sent." in body
    comment = db.session.scalars(select(TaskComment)).one()
    assert (comment.contact_id, comment.user_id) == (contact.id, None)
    assert [m["To"] for m in inbox.messages] == ["dana@example.com"]
    message = inbox.messages[0]
    assert "Wireframes" in message["Subject"] and "Kommentar" in message["Subject"]
    assert "Lou Ray" in message.get_body(("plain",)).get_content()
    assert "project.task_commented" in db.session.scalars(select(ActivityLog.action)).all()


def test_without_an_assignee_the_administrators_are_told(client, contact, inbox):
    project = make_project(contact.customer, tasks=[("Checkout", "todo")])
    task = project.tasks[0]
    response = client.post_form(
        comment_url(project, task),
        {f"comment{task.id}-body": "When?"},
        token_from=f"/clients/projects/{project.id}",
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/clients/projects/{project.id}#task-{task.id}")
    assert [m["To"] for m in inbox.messages] == ["boss@example.com"]
    assert "commentaire" in inbox.messages[0]["Subject"]  # the admin reads French


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "This field is required."), ("   ", "This field is required."),
     ("x" * 5001, "Use at most 5000 characters.")],
)  # fmt: skip
def test_a_bad_comment_is_refused_beside_the_field(client, contact, inbox, text, message):
    project = make_project(contact.customer, tasks=[("Checkout", "todo")])
    task = project.tasks[0]
    response = client.post_form(
        comment_url(project, task),
        {f"comment{task.id}-body": text},
        token_from=f"/clients/projects/{project.id}",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body and f'id="comment{task.id}-body-error"' in body
    assert db.session.scalar(select(func.count()).select_from(TaskComment)) == 0
    assert inbox.messages == []


def test_another_customers_project_or_task_is_not_found(client, contact, inbox):
    mine = make_project(contact.customer, tasks=[("Mine", "todo")])
    theirs = make_project(make_customer(), tasks=[("Theirs", "todo")])
    token = client.csrf_token("/clients/")
    assert client.get(f"/clients/projects/{theirs.id}").status_code == 404
    for project, task in ((theirs, theirs.tasks[0]), (mine, theirs.tasks[0])):
        response = client.post(
            comment_url(project, task),
            data={"csrf_token": token, f"comment{task.id}-body": "Hello"},
        )
        assert response.status_code == 404
    assert db.session.scalar(select(func.count()).select_from(TaskComment)) == 0
    assert inbox.messages == []


def test_without_the_projects_permission_it_is_forbidden(client, ctx, login_as):
    person = make_contact(make_customer(), perm_projects=False)
    project = make_project(person.customer, tasks=[("Checkout", "todo")])
    login_as(person)
    assert 'href="/clients/projects"' not in client.get("/clients/").get_data(as_text=True)
    assert client.get("/clients/projects").status_code == 403
    assert client.get(f"/clients/projects/{project.id}").status_code == 403
    task = project.tasks[0]
    response = client.post_form(
        comment_url(project, task), {f"comment{task.id}-body": "Hi"}, token_from="/clients/"
    )
    assert response.status_code == 403


def test_the_spanish_comment_email_greets_like_the_others(client, contact, inbox):
    designer = make_user(name="Dana Designer", email="dana@example.com", language="es")
    project = make_project(contact.customer, tasks=[("Wireframes", "todo", designer)])
    task = project.tasks[0]
    client.post_form(
        comment_url(project, task),
        {f"comment{task.id}-body": "Hola"},
        token_from=f"/clients/projects/{project.id}",
    )
    html = inbox.messages[0].get_body(("html",)).get_content()
    assert "Hola, Dana:" in html
