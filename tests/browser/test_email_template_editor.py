"""Staff edit an email template, watch the preview follow, and save it."""

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import EmailTemplate
from tests.browser.conftest import sign_in
from tests.factories import make_admin


def test_edit_preview_and_save_a_template(browser, live_server, ctx):
    admin = make_admin()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", admin.email)

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Email templates").click()
    page.locator("a[href$='/email-templates/welcome/fr']").click()
    expect(page.locator("#preview")).to_contain_text("Claire")  # sample data, in French

    page.get_by_label("Subject").fill("Bonjour {contact_firstname}, bienvenue !")
    page.get_by_label("Message").fill("<p>Chère {contact_firstname}, voici {client_company}.</p>")
    expect(page.locator("#preview")).to_contain_text("Bonjour Claire, bienvenue !")
    expect(page.locator("#preview")).to_contain_text("Chère Claire, voici Boulangerie Martin SARL.")

    page.get_by_label("Message").fill("<p>{password}</p>")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#body_html-error")).to_contain_text("{password}")

    page.get_by_label("Message").fill("<p>Chère {contact_firstname}.</p>")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Template saved.")).to_be_visible()
    db.session.expire_all()
    saved = db.session.scalars(select(EmailTemplate)).one()
    assert (saved.key, saved.language) == ("welcome", "fr")
    assert saved.subject == "Bonjour {contact_firstname}, bienvenue !"
    assert errors == [], errors
    context.close()
