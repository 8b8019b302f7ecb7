"""An administrator invites a colleague in French from Settings → Staff; the colleague opens the
link of the email they received, chooses a password and lands on the dashboard, in French."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_a11y_pwa import serious_violations
from tests.factories import make_admin

BASE_URL = "https://crm.example.com"


def test_a_colleague_invited_in_french_reaches_the_dashboard(browser, live_server, ctx, inbox):
    admin = make_admin(name="Dominique Admin")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", admin.email)
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name=re.compile("^Staff")).click()
    page.get_by_role("link", name="Invite a staff member").click()
    page.get_by_label("Name").fill("Camille Martin")
    page.get_by_label("Email").fill("camille@example.com")
    page.get_by_label("Language").select_option("fr")
    page.get_by_label("Role").select_option(label="Team member")  # a role is always chosen
    assert serious_violations(page) == []
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to camille@example.com.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Camille Martin")
    expect(row).to_contain_text("Invitation pending")
    page.screenshot(path="test-results/staff-list.png", full_page=True)
    context.close()

    message = inbox.only()
    assert message["To"] == "camille@example.com"
    assert message["Subject"] == "Votre compte chez Comptoir"
    html = message.get_body(("html",)).get_content()
    link = re.search(r'href="(https://crm\.example\.com/admin/invitation/[^"]+)"', html).group(1)
    link = link.replace("&amp;", "&").replace(BASE_URL, live_server)

    # The colleague's browser speaks English: the link's language wins.
    theirs = browser.new_context(locale="en-GB")
    page = theirs.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(link)
    expect(page.get_by_role("heading", name="Choisissez votre mot de passe")).to_be_visible()
    page.locator("#password").fill("une phrase de passe sûre")
    page.locator("#confirm").fill("une phrase de passe sûre")
    page.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    page.wait_for_url(live_server + "/admin/")
    expect(page.get_by_text("Bienvenue ! Votre mot de passe est enregistré.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    nav = page.get_by_role("navigation", name="Menu principal")
    expect(nav.get_by_role("link", name="Clients")).to_be_visible()
    page.screenshot(path="test-results/staff-invitation-accepted.png")
    assert errors == [], errors
    theirs.close()
