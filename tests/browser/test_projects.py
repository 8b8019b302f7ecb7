"""Staff plan a project with a task, a contact comments from a phone, staff read the comment."""

from playwright.sync_api import expect

from app.extensions import db
from app.services.customers.search import reindex_customer
from tests.browser.conftest import sign_in
from tests.factories import make_customer, make_portal_contact, make_user


def test_project_round_trip(browser, live_server, ctx, inbox):
    staff = make_user(name="Sam Sales", is_admin=True, email="sam@example.com")
    customer = make_customer(company="Acme")
    contact = make_portal_contact(customer, first_name="Lou", email="lou@acme.example.com")
    reindex_customer(customer)
    db.session.commit()
    errors = []

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    admin_page = desk.new_page()
    admin_page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(admin_page, live_server + "/admin/login", staff.email)
    menu = admin_page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("link", name="Projects").click()
    admin_page.get_by_role("link", name="New project").click()
    admin_page.get_by_label("Customer").fill("acme")
    admin_page.get_by_role("link", name="Acme").click()
    admin_page.get_by_label("Project name").fill("Online shop")
    admin_page.get_by_label("Status").select_option("in_progress")
    admin_page.get_by_label("Start date").fill("2026-12-01")
    admin_page.get_by_label("Deadline").fill("2026-11-01")
    admin_page.get_by_role("button", name="Save").click()
    expect(admin_page.get_by_text("The deadline cannot be before the start date.")).to_be_visible()
    admin_page.get_by_label("Deadline").fill("2027-02-28")
    admin_page.get_by_role("button", name="Save").click()
    expect(admin_page.get_by_text("Project created.")).to_be_visible()
    project_url = admin_page.url

    new_task = admin_page.locator("#tasks form.task-new")
    new_task.get_by_role("button", name="Add the task").click()  # empty: refused in place
    expect(new_task.get_by_text("This field is required.")).to_be_visible()
    new_task = admin_page.locator("#tasks form.task-new")
    new_task.get_by_label("Task name").fill("Product photos")
    new_task.get_by_label("Assignee").select_option(label="Sam Sales")
    new_task.get_by_role("button", name="Add the task").click()
    expect(admin_page.get_by_role("heading", name="Product photos")).to_be_visible()
    expect(admin_page.get_by_text("Tasks done: 0 of 1")).to_be_visible()

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/clients/login", contact.email)
    page.get_by_role("button", name="Menu").click()  # on a phone the menu waits behind it
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Projects").click()
    page.get_by_role("link", name="Online shop").click()
    expect(page.get_by_role("heading", name="Product photos")).to_be_visible()
    page.get_by_role("button", name="Send the comment").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    page.get_by_label("Your comment").fill("The photos are ready.\nSee https://example.com/photos")
    page.get_by_role("button", name="Send the comment").click()
    expect(page.get_by_text("Your comment is sent.")).to_be_visible()
    expect(page.get_by_role("link", name="https://example.com/photos")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="test-results/portal-project-phone.png", full_page=True)
    phone.close()

    admin_page.goto(project_url)
    expect(admin_page.get_by_text("The photos are ready.")).to_be_visible()
    expect(admin_page.locator(".thread").get_by_text("Lou")).to_be_visible()
    admin_page.get_by_label("Status").first.select_option("done")
    admin_page.get_by_role("button", name="Update").click()
    expect(admin_page.get_by_text("Tasks done: 1 of 1")).to_be_visible()
    admin_page.screenshot(path="test-results/admin-project.png", full_page=True)
    assert any(m["To"] == "sam@example.com" and "Product photos" in m["Subject"]
               for m in inbox.messages)  # fmt: skip
    assert errors == [], errors
    desk.close()
