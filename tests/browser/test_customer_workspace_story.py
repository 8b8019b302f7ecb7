"""Issue 19's story in one browser run, in French: staff pin a note on a customer, share a file
with it and set a reminder about it; the customer's contact downloads the file from the portal,
reads a knowledge base article in French and answers that it helped; staff see the answer."""

from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import (
    make_article,
    make_customer,
    make_kb_group,
    make_portal_contact,
    make_user,
)
from tests.file_samples import PDF

NBSP = "\u00a0"


def test_staff_note_share_and_remind_then_the_contact_downloads_reads_and_votes(
    browser, live_server, ctx, tmp_path
):
    staff = make_user(name="Claire", is_admin=True, language="fr")
    customer = make_customer(company="Fromagerie Dubois", language="fr")
    contact = make_portal_contact(customer, first_name="Anna", last_name="Dubois",
                                  perm_files=True)  # fmt: skip
    make_article(
        "How to add a customer", "<p>Open <b>Customers</b>.</p>",
        group=make_kb_group({"en": "Getting started", "fr": "Premiers pas"}),
        texts={"fr": ("Comment ajouter un client", "<p>Ouvrez <b>Clients</b>.</p>")},
    )  # fmt: skip
    upload = tmp_path / "conditions-2027.pdf"
    upload.write_bytes(PDF)
    errors = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)
    tabs = page.get_by_role("navigation", name="Sections de la fiche client")

    # A pinned note.
    page.goto(f"{live_server}/admin/customers/{customer.id}")
    tabs.get_by_role("link", name="Notes", exact=True).click()
    editor = page.get_by_role("textbox", name="Note", exact=True)
    editor.click()
    editor.press_sequentially("Préfère être appelée avant 10 h")
    page.get_by_label("Épingler en haut").check()
    page.get_by_role("button", name="Ajouter la note").click()
    expect(page.locator("ol.notes > li").first).to_contain_text("Préfère être appelée avant 10 h")

    # A file shared with the customer.
    tabs.get_by_role("link", name="Fichiers", exact=True).click()
    page.get_by_label("Fichier", exact=True).set_input_files(str(upload))
    page.get_by_label("Description", exact=True).fill("Conditions 2027, signées")
    page.get_by_role("button", name="Envoyer").click()
    row = page.locator("table.files-table tbody tr")
    row.get_by_role("button", name="Partager avec le client").click()
    expect(page.get_by_text("Fichier partagé avec le client.")).to_be_visible()

    # A reminder, then seen on the dashboard.
    tabs.get_by_role("link", name="Profil", exact=True).click()
    section = page.locator("section#reminders")
    section.get_by_label("Description").fill("Rappeler pour la commande de comté")
    section.get_by_label("Date").fill((date.today() + timedelta(days=2)).isoformat())
    section.get_by_label("Heure").fill("09:00")
    section.get_by_role("button", name="Enregistrer le rappel").click()
    expect(section.locator("li.reminder")).to_contain_text("Rappeler pour la commande de comté")
    page.goto(f"{live_server}/admin/")
    expect(page.locator("section#my-reminders li.reminder")).to_contain_text(
        "Rappeler pour la commande de comté"
    )
    context.clear_cookies()

    # The contact: the shared file, then the article in French and an answer.
    sign_in(page, live_server + "/clients/login", contact.email)
    menu = page.get_by_role("navigation")
    menu.get_by_role("link", name="Fichiers", exact=True).first.click()
    listed = page.locator("table.files-table tbody tr")
    expect(listed).to_contain_text("Conditions 2027, signées")
    with page.expect_download() as caught:
        listed.get_by_role("link", name="conditions-2027.pdf").click()
    assert Path(caught.value.path()).read_bytes() == PDF
    menu.get_by_role("link", name="Base de connaissances").click()
    page.get_by_role("link", name="Comment ajouter un client").click()
    expect(page.get_by_role("heading", name="Comment ajouter un client", level=1)).to_be_visible()
    vote = page.locator("#kb-vote")
    question = f"Cet article vous a-t-il été utile{NBSP}?"
    expect(vote.get_by_role("heading", name=question)).to_be_visible()
    vote.get_by_role("button", name="Oui", exact=True).click()
    expect(vote).to_contain_text("Merci pour votre réponse.")
    context.clear_cookies()

    sign_in(page, live_server + "/admin/login", staff.email)
    page.goto(f"{live_server}/admin/kb")
    expect(page.locator("#results")).to_contain_text(f"Oui{NBSP}: 1, Non{NBSP}: 0")
    assert errors == [], errors
    context.close()
