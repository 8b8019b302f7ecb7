"""My tasks in a browser, in English on a desk and in French on a phone: a standalone task made
on a customer's Projects tab shows on My tasks with its customer, is marked done from the list
(gone from the open tasks, listed under Done), and the calendar link is made and shown."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_customer, make_user

WORDS = {
    "en": {"name": "Task name", "assignee": "Assignee",
           "due": "Due date", "add": "Add the task", "added": "Task added.",
           "my_tasks": "My tasks", "done": "Mark done", "status": "Status", "done_filter": "Done",
           "marked": "Task marked done: Call about the renewal",
           "make_link": "Make my calendar link", "link": "Calendar link"},
    "fr": {"name": "Nom de la tâche", "assignee": "Responsable",
           "due": "Date d'échéance", "add": "Ajouter la tâche", "added": "Tâche ajoutée.",
           "my_tasks": "Mes tâches", "done": "Marquer comme terminée", "status": "Statut",
           "done_filter": "Terminée",
           "marked": "Tâche marquée comme terminée\u00a0: Call about the renewal",
           "make_link": "Créer mon lien d'agenda", "link": "Lien d'agenda"},
}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("fr", 390)])
def test_a_customer_task_is_done_from_my_tasks(browser, live_server, ctx, language, width):
    words = WORDS[language]
    staff = make_user(name="Claire", is_admin=True, language=language)
    customer = make_customer(company="Fromagerie Dubois")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/customers/{customer.id}/projects")
    page.get_by_label(words["name"]).fill("Call about the renewal")
    page.get_by_label(words["assignee"]).select_option(label="Claire")
    due = date.today() - timedelta(days=1)
    page.get_by_label(words["due"]).fill(due.isoformat())
    page.get_by_role("button", name=words["add"]).click()
    expect(page.get_by_text(words["added"])).to_be_visible()
    expect(page.locator("#tasks ol.tasks > li")).to_contain_text("Call about the renewal")

    menu = page.locator("[data-menu-toggle]")
    if menu.is_visible():  # a phone: the menu opens first
        menu.click()
    page.get_by_role("link", name=words["my_tasks"], exact=True).first.click()
    row = page.locator("tr", has_text="Call about the renewal")
    expect(row).to_contain_text("Fromagerie Dubois")
    expect(row.locator(".overdue")).to_be_visible()  # due yesterday
    row.get_by_role("button").click()
    expect(page.get_by_text(words["marked"])).to_be_visible()
    expect(page.locator("tr", has_text="Call about the renewal")).to_have_count(0)
    page.get_by_label(words["status"]).select_option(label=words["done_filter"])
    expect(page.locator("tr", has_text="Call about the renewal")).to_have_count(1)

    page.get_by_role("button", name=words["make_link"]).click()
    link = page.get_by_label(words["link"])
    assert "/calendar/" in link.input_value() and link.input_value().endswith(".ics")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    assert errors == []
    context.close()
