"""Reminders in a browser, in English on a desk and in French on a phone: staff set a reminder
on a customer's page, find it on the dashboard's My reminders card, snooze it and mark it done."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_customer, make_user

WORDS = {
    "en": {"description": "Description", "date": "Date", "time": "Time", "set": "Set reminder",
           "hour": "Snooze 1 hour", "done": "Mark done",
           "empty": "No reminders for the next 7 days."},
    "fr": {"description": "Description", "date": "Date", "time": "Heure",
           "set": "Enregistrer le rappel", "hour": "Reporter d'une heure",
           "done": "Marquer comme fait", "empty": "Aucun rappel pour les 7 prochains jours."},
}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("fr", 390)])
def test_staff_set_snooze_and_finish_a_reminder(browser, live_server, ctx, language, width):
    words = WORDS[language]
    staff = make_user(name="Claire", is_admin=True, language=language)
    customer = make_customer(company="Fromagerie Dubois")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    page.goto(f"{live_server}/admin/customers/{customer.id}")
    section = page.locator("section#reminders")
    section.get_by_label(words["description"]).fill("Call about the cheese order")
    section.get_by_label(words["date"]).fill((date.today() + timedelta(days=2)).isoformat())
    section.get_by_label(words["time"]).fill("09:00")
    section.get_by_role("button", name=words["set"]).click()
    expect(section.locator("li.reminder")).to_contain_text("Call about the cheese order")

    page.goto(f"{live_server}/admin/")
    card = page.locator("section#my-reminders")
    item = card.locator("li.reminder")
    expect(item).to_contain_text("Call about the cheese order")
    expect(item.get_by_role("link", name="Fromagerie Dubois")).to_be_visible()
    before = item.locator("time").inner_text()
    item.get_by_role("button", name=words["hour"]).click()
    expect(card.locator("li.reminder time")).not_to_have_text(before)  # due in an hour now
    card.locator("li.reminder").get_by_role("button", name=words["done"]).click()
    expect(card.get_by_text(words["empty"])).to_be_visible()

    page.goto(f"{live_server}/admin/customers/{customer.id}")
    expect(page.locator("section#reminders li.reminder")).to_have_count(0)
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    assert errors == []
    context.close()
