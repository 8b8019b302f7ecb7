"""Each staff member's calendar feed: a secret link made and regenerated on My tasks, an
iCalendar file of their open tasks with a due date (all-day events, UIDs that stay the same),
nobody else's tasks, a 404 for an old or wrong link, and the token never in the request log."""

import html
import re
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from app.extensions import db
from app.models import Task, User
from tests.factories import make_admin, make_customer, make_project, make_reminder, make_user

TODAY = date.today()
HTMX = {"HX-Request": "true"}
LINK = re.compile(r'id="calendar-url" value="(https://crm\.example\.com(/calendar/[^"]+\.ics))"')


def make_task(customer, name, assignee=None, due=None, status="todo") -> Task:
    task = Task(customer=customer, name=name, status=status, due_date=due, assignee=assignee)
    db.session.add(task)
    db.session.commit()
    return task


def make_link(client) -> str:
    """Make (or regenerate) the signed-in person's link on My tasks; its path."""
    page = client.get("/admin/tasks").get_data(as_text=True)
    nonce = re.search(r'name="nonce" value="([^"]*)"', page).group(1)
    client.post_form("/admin/tasks/calendar", {"nonce": nonce}, token_from="/admin/tasks")
    page = client.get("/admin/tasks").get_data(as_text=True)
    return LINK.search(page).group(2)


def events(client, path) -> dict:
    """{summary: event} of the feed at `path`."""
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_lists_my_open_tasks_with_a_due_date_as_all_day_events(client, ctx, login_as):
    me = make_admin(name="Claire")
    colleague = make_admin()
    customer = make_customer(company="Atelier Nord")
    project = make_project(customer, name="Website", tasks=[("Mockups", "in_progress", me)])
    project.tasks[0].due_date = TODAY + timedelta(days=3)
    db.session.commit()
    make_task(customer, "Call the bank", me, TODAY - timedelta(days=2))
    make_task(customer, "No date", me)
    make_task(customer, "Already done", me, TODAY, status="done")
    make_task(customer, "Colleague's task", colleague, TODAY)
    login_as(me)
    path = make_link(client)
    client.get("/admin/logout")
    found = events(client, path)
    assert set(found) == {"Mockups", "Call the bank"}
    mockups = found["Mockups"]
    assert mockups.decoded("dtstart") == TODAY + timedelta(days=3)  # a date: all day
    assert mockups.decoded("dtend") == TODAY + timedelta(days=4)
    assert "Project: Website" in str(mockups["description"])
    assert "Customer: Atelier Nord" in str(mockups["description"])
    assert str(mockups["url"]) == "https://crm.example.com/admin/tasks"
    again = events(client, path)
    assert {s: str(e["uid"]) for s, e in found.items()} == {
        s: str(e["uid"]) for s, e in again.items()
    }
    assert str(found["Call the bank"]["uid"]) != str(mockups["uid"])


def test_the_feed_speaks_the_persons_language(client, ctx, login_as):
    me = make_admin(language="fr")
    make_task(make_customer(company="Atelier Nord"), "Appeler", me, TODAY)
    login_as(me)
    path = make_link(client)
    found = events(client, path)
    assert "Client : Atelier Nord" in str(found["Appeler"]["description"]).replace("\xa0", " ")


def test_regenerate_retires_the_old_link(client, ctx, login_as):
    me = make_admin()
    make_task(make_customer(), "Mine", me, TODAY)
    login_as(me)
    page = client.get("/admin/tasks").get_data(as_text=True)
    assert "Make my calendar link" in page and LINK.search(page) is None
    first = make_link(client)
    assert client.get("/admin/tasks").get_data(as_text=True).count(first) == 1  # shown again
    second = make_link(client)
    assert second != first
    assert client.get(first).status_code == 404
    assert "Mine" in events(client, second)


def test_a_second_click_on_regenerate_keeps_the_link_the_page_shows(client, ctx, login_as):
    login_as(make_admin())
    first = make_link(client)
    page = client.get("/admin/tasks").get_data(as_text=True)
    nonce = re.search(r'name="nonce" value="([^"]*)"', page).group(1)
    for _ in range(2):  # the same page's button, clicked twice
        response = client.post_form(
            "/admin/tasks/calendar", {"nonce": nonce}, token_from="/admin/tasks", headers=HTMX
        )
        assert response.status_code == 200
    shown = LINK.search(response.get_data(as_text=True)).group(2)
    assert shown != first and client.get(shown).status_code == 200


def test_wrong_links_and_inactive_people_are_404(client, ctx, login_as):
    me = make_user()
    login_as(me)
    path = make_link(client)
    assert client.get("/calendar/nonsense.ics").status_code == 404
    assert client.get(path.replace(".ics", "x.ics")).status_code == 404
    user = db.session.get(User, me.id)
    user.active = False
    db.session.commit()
    assert client.get(path).status_code == 404


def test_the_token_never_reaches_the_request_log(client, ctx, login_as, capsys):
    login_as(make_admin())
    path = make_link(client)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    capsys.readouterr()
    client.get(path)
    client.get(f"/calendar/{token}x.ics")
    client.get(f"/calendar/{token}.other")
    out = capsys.readouterr().out
    assert token not in out
    assert "path=/calendar/[hidden].ics status=200" in out
    assert "path=/calendar/[hidden].ics status=404" in out


def test_the_feed_is_throttled_per_link(app, client, ctx, login_as):
    login_as(make_admin())
    path = make_link(client)
    app.config["CALENDAR_FEED_LIMIT"] = "3 per hour"
    try:
        statuses = [client.get(path).status_code for _ in range(4)]
    finally:
        app.config["CALENDAR_FEED_LIMIT"] = "60 per hour"
    assert statuses == [200, 200, 200, 429]


def test_the_link_is_shown_on_my_tasks_with_copy(client, ctx, login_as):
    login_as(make_admin())
    make_link(client)
    page = html.unescape(client.get("/admin/tasks").get_data(as_text=True))
    assert 'data-copy-text="#calendar-url"' in page and "Regenerate" in page


def test_my_reminders_are_timed_events_at_their_moment_with_a_link_to_their_record(
    client, ctx, login_as
):
    me = make_admin(name="Claire")
    colleague = make_admin()
    customer = make_customer(company="Atelier Nord")
    due = datetime.combine(TODAY + timedelta(days=2), datetime.min.time(), UTC) + timedelta(hours=9)
    mine = make_reminder(customer, me, due, "Call about the renewal")
    make_reminder(customer, colleague, due, "Colleague's reminder")
    login_as(me)
    path = make_link(client)
    client.get("/admin/logout")
    found = events(client, path)
    assert set(found) == {"Call about the renewal"}
    event = found["Call about the renewal"]
    assert event.decoded("dtstart") == due
    assert event.decoded("dtend") == due + timedelta(minutes=30)
    assert str(event["description"]) == "Atelier Nord"
    assert str(event["url"]) == f"https://crm.example.com/admin/customers/{customer.id}"
    assert str(event["uid"]) == f"reminder-{mine.id}@crm.example.com"
