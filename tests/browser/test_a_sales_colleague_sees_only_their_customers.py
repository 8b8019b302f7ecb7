"""An administrator invites a colleague with the shipped Sales role ("view own" on customers, no
delete) and assigns them to one customer; the colleague accepts, turns on two-step sign-in, signs
in again with a code, and from then on sees that customer only and cannot delete it. In English
and in French, where the role is called "Commercial"."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.test_two_step_sign_in import next_step_code
from tests.factories import PASSWORD, make_admin, make_customer

BASE_URL = "https://crm.example.com"
NEW_PASSWORD = "a long walk by the harbour"

# What the person reads, in each language the test runs in (translations/<lang>/messages.po).
WORDS = {
    "en": {
        "locale": "en-GB",
        "email": "Email",
        "password": "Password",
        "sign_in": "Sign in",
        "sign_out": "Sign out",
        "main_menu": "Main menu",
        "settings": "Settings",
        "staff": "Staff",
        "customers": "Customers",
        "invite": "Invite a staff member",
        "name": "Name",
        "role": "Role",
        "language": "Language",
        "sales": "Sales",
        "send": "Send the invitation",
        "sent": "Invitation sent to sacha@example.com.",
        "pending": "Invitation pending",
        "advanced": "Advanced options",
        "save": "Save",
        "saved": "Changes saved.",
        "customer_admins": "Customer admins",
        "choose_password": "Set your password",
        "save_password": "Save the new password",
        "welcome": "Welcome! Your password is saved.",
        "set_up": "Set up two-step sign-in",
        "code": "Code",
        "turn_on": "Turn on two-step sign-in",
        "is_on": "Two-step sign-in is on",
        "kept": "I have kept them",
        "two_step": "Two-step sign-in",
        "search": "Search",
        "no_match": "No customer matches these filters.",
        "one_customer": "1 customer",
        "not_found": "Page not found",
        "denied": "Access denied",
        "delete": "Delete",
    },
    "fr": {
        "locale": "fr-FR",
        "email": "E-mail",
        "password": "Mot de passe",
        "sign_in": "Se connecter",
        "sign_out": "Se déconnecter",
        "main_menu": "Menu principal",
        "settings": "Paramètres",
        "staff": "Équipe",
        "customers": "Clients",
        "invite": "Inviter un membre de l'équipe",
        "name": "Nom",
        "role": "Rôle",
        "language": "Langue",
        "sales": "Commercial",
        "send": "Envoyer l'invitation",
        "sent": "Invitation envoyée à sacha@example.com.",
        "pending": "Invitation en attente",
        "advanced": "Options avancées",
        "save": "Enregistrer",
        "saved": "Modifications enregistrées.",
        "customer_admins": "Responsables du client",
        "choose_password": "Choisissez votre mot de passe",
        "save_password": "Enregistrer le nouveau mot de passe",
        "welcome": "Bienvenue\u00a0! Votre mot de passe est enregistré.",
        "set_up": "Activer la connexion en deux étapes",
        "code": "Code",
        "turn_on": "Activer la connexion en deux étapes",
        "is_on": "La connexion en deux étapes est activée",
        "kept": "Je les ai conservés",
        "two_step": "Connexion en deux étapes",
        "search": "Rechercher",
        "no_match": "Aucun client ne correspond à ces filtres.",
        "one_customer": "1 client",
        "not_found": "Page introuvable",
        "denied": "Accès refusé",
        "delete": "Supprimer",
    },
}


def signed_in(page, url: str, email: str, password: str, words: dict) -> None:
    """Fill the sign-in page at `url` and wait until the browser has left it (an HX-Redirect:
    a full navigation still under way when the click returns)."""
    page.goto(url)
    page.get_by_label(words["email"]).fill(email)
    page.get_by_label(words["password"], exact=True).fill(password)
    page.get_by_role("button", name=words["sign_in"]).click()
    page.wait_for_url(lambda address: not address.split("?")[0].endswith("/login"))
    page.wait_for_load_state()


def invite_and_assign(browser, live_server, lang: str, words: dict, admin, acme_id: int) -> None:
    """The administrator invites Sacha as Sales, then makes them Acme's customer admin."""
    context = browser.new_context(locale=words["locale"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    signed_in(page, live_server + "/admin/login", admin.email, PASSWORD, words)
    nav = page.get_by_role("navigation", name=words["main_menu"])
    nav.get_by_role("link", name=words["settings"]).click()
    page.get_by_role("link", name=re.compile("^" + words["staff"])).click()
    page.get_by_role("link", name=words["invite"]).click()
    page.get_by_label(words["name"]).fill("Sacha Vendeur")
    page.get_by_label(words["email"]).fill("sacha@example.com")
    page.get_by_label(words["language"]).select_option(lang)
    page.get_by_label(words["role"]).select_option(label=words["sales"])
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_text(words["sent"])).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Sacha Vendeur")
    expect(row).to_contain_text(words["pending"])
    expect(row).to_contain_text(words["sales"])

    # Acme's profile, Advanced options: Sacha becomes its customer admin. Bravo stays as it is.
    page.goto(f"{live_server}/admin/customers/{acme_id}")
    page.get_by_role("tab", name=words["advanced"]).click()
    page.get_by_role("checkbox", name="Sacha Vendeur").check()
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.get_by_text(words["saved"])).to_be_visible()
    page.reload()
    admins = page.locator(".customer-admins")
    expect(admins).to_contain_text(words["customer_admins"])
    expect(admins).to_contain_text("Sacha Vendeur")
    assert errors == [], errors
    context.close()


def invitation_link(inbox, live_server: str) -> str:
    """The link of the one invitation email, pointed at the test server."""
    message = inbox.only()
    assert message["To"] == "sacha@example.com"
    html = message.get_body(("html",)).get_content()
    link = re.search(r'href="(https://crm\.example\.com/admin/invitation/[^"]+)"', html).group(1)
    return link.replace("&amp;", "&").replace(BASE_URL, live_server)


def accept_and_turn_on_two_step(page, live_server: str, link: str, words: dict) -> str:
    """Sacha chooses a password and turns on two-step sign-in; the key read from the page."""
    page.goto(link)
    expect(page.get_by_role("heading", name=words["choose_password"])).to_be_visible()
    page.locator("#password").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    page.get_by_role("button", name=words["save_password"]).click()
    page.wait_for_url(live_server + "/admin/")
    expect(page.get_by_text(words["welcome"])).to_be_visible()

    page.get_by_role("link", name="Sacha Vendeur").click()  # My profile
    page.get_by_role("link", name=words["set_up"]).click()
    secret = page.locator("#two-step-secret").inner_text().strip()
    page.get_by_label(words["code"], exact=True).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=words["turn_on"]).click()
    expect(page.get_by_role("heading", name=words["is_on"])).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name=words["kept"]).click()
    page.get_by_role("button", name=words["sign_out"]).click()
    page.wait_for_url(lambda address: address.split("?")[0].endswith("/admin/login"))
    return secret


def sign_in_with_a_code(page, live_server: str, secret: str, words: dict) -> None:
    """Password, then a code of the next time step (the current one was spent turning it on)."""
    signed_in(page, live_server + "/admin/login", "sacha@example.com", NEW_PASSWORD, words)
    expect(page.get_by_role("heading", name=words["two_step"])).to_be_visible()
    assert page.url.endswith("/admin/login/code")
    page.get_by_label(words["code"], exact=True).fill(next_step_code(secret))
    page.get_by_role("button", name=words["sign_in"]).click()
    page.wait_for_url(lambda address: address.split("?")[0].endswith("/admin/"))
    expect(page.get_by_role("link", name="Sacha Vendeur")).to_be_visible()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_sales_colleague_sees_only_their_customers(browser, live_server, ctx, inbox, lang):
    words = WORDS[lang]
    admin = make_admin(name="Dominique Admin", language=lang)
    acme = make_customer(company="Acme Fournitures")
    bravo = make_customer(company="Bravo Logistique")
    invite_and_assign(browser, live_server, lang, words, admin, acme.id)
    link = invitation_link(inbox, live_server)

    context = browser.new_context(locale=words["locale"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    secret = accept_and_turn_on_two_step(page, live_server, link, words)
    sign_in_with_a_code(page, live_server, secret, words)

    # The menu: customers, but no settings.
    nav = page.get_by_role("navigation", name=words["main_menu"])
    expect(nav.get_by_role("link", name=words["customers"])).to_be_visible()
    expect(nav.get_by_role("link", name=words["settings"])).to_have_count(0)

    # The list shows Acme only; typing finds Acme, never Bravo.
    nav.get_by_role("link", name=words["customers"]).click()
    results = page.locator("#results")
    expect(results).to_contain_text("Acme Fournitures")
    expect(results).to_contain_text(words["one_customer"])
    expect(results).not_to_contain_text("Bravo")
    search = page.get_by_label(words["search"])
    search.fill("Acme")
    expect(page).to_have_url(live_server + "/admin/customers?q=Acme")
    expect(results.get_by_role("link", name="Acme Fournitures")).to_be_visible()
    search.fill("Bravo")
    expect(page).to_have_url(live_server + "/admin/customers?q=Bravo")
    expect(results).to_contain_text(words["no_match"])
    expect(results).not_to_contain_text("Bravo Logistique")

    # Bravo's page, typed in the address bar, does not exist for Sacha.
    answer = page.goto(f"{live_server}/admin/customers/{bravo.id}")
    assert answer.status == 404
    expect(page.get_by_role("heading", name=words["not_found"])).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Bravo Logistique")

    # Acme's page: no Delete button, and a delete posted anyway is refused.
    page.goto(f"{live_server}/admin/customers/{acme.id}")
    expect(page.get_by_role("heading", name="Acme Fournitures")).to_be_visible()
    expect(page.get_by_role("link", name=words["delete"], exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name=words["delete"], exact=True)).to_have_count(0)
    status = page.evaluate(
        """async (url) => {
            const token = document.querySelector('meta[name="csrf-token"]').content;
            const answer = await fetch(url, {method: "POST", headers: {"X-CSRFToken": token}});
            return answer.status;
        }""",
        f"{live_server}/admin/customers/{acme.id}/delete",
    )
    assert status == 403
    answer = page.goto(f"{live_server}/admin/customers/{acme.id}/delete")
    assert answer.status == 403
    expect(page.get_by_role("heading", name=words["denied"])).to_be_visible()
    page.goto(f"{live_server}/admin/customers/{acme.id}")
    expect(page.get_by_role("heading", name="Acme Fournitures")).to_be_visible()
    assert errors == [], errors
    context.close()
