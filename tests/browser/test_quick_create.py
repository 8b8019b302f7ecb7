"""Quick create a customer with the keyboard alone; the open list refreshes."""

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Customer
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_currency, make_customer, make_user


def test_quick_create_with_the_keyboard_only(browser, live_server, ctx, inbox):
    staff = make_user()
    make_currency("EUR", is_default=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server + "/admin/login")
    # The email field has the focus (autofocus lands at the next rendering step, not at 'load').
    expect(page.get_by_label("Email")).to_be_focused()
    page.keyboard.type(staff.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server + "/admin/")
    page.goto(live_server + "/admin/customers")
    expect(page.locator("#results")).to_contain_text("0 customers")

    page.locator("body").focus()
    page.keyboard.press("+")
    expect(page.locator("#quick-create-menu")).to_have_attribute("open", "")
    page.keyboard.press("Enter")  # the first entry, Customer, has the focus
    dialog = page.locator("#quick-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#company")).to_be_focused()
    page.evaluate(
        "document.body.addEventListener('htmx:afterSettle', "
        "() => { document.body.dataset.settled = '1'; }, {once: true})"
    )
    page.keyboard.press("Enter")  # empty: refused beside the field, the dialog stays
    expect(page.locator("body[data-settled='1']")).to_have_count(1)  # htmx has put it in place
    expect(page.locator("#company-error")).to_be_visible()
    expect(page.locator("#company")).to_be_focused()
    page.keyboard.type("Quick & Co")
    page.keyboard.press("Tab")
    page.keyboard.type("Zoé")
    page.keyboard.press("Tab")
    page.keyboard.type("Quick")
    page.keyboard.press("Tab")
    page.keyboard.type("zoe@quick.example.com")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    toast = page.locator(".toast")
    expect(toast).to_contain_text("Customer Quick & Co created.")
    expect(toast.get_by_role("link", name="Open")).to_be_visible()
    expect(page.locator("#results")).to_contain_text("Quick & Co")  # the open list refreshed

    page.keyboard.press("+")
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#quick-dialog")).to_have_count(0)

    db.session.expire_all()
    customer = db.session.scalars(select(Customer)).one()
    assert (
        customer.company == "Quick & Co" and customer.contacts[0].email == "zoe@quick.example.com"
    )
    assert len(inbox.messages) == 1  # the welcome email
    assert errors == [], errors
    context.close()


def test_a_look_alike_is_pointed_out_before_it_is_created(browser, live_server, ctx, inbox):
    staff = make_user(language="fr")
    make_currency("EUR", is_default=True)
    existing = make_customer(company="Atelier Lumière")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)
    page.get_by_text("Création rapide").click()
    page.locator(".quick-menu").get_by_role("link", name="Client").click()
    dialog = page.locator("#quick-dialog")
    expect(dialog).to_be_visible()
    page.locator("#company").fill("Atelier Lumiere")
    page.locator("#contact_first_name").fill("Léa")
    page.locator("#contact_last_name").fill("Roux")
    page.locator("#contact_email").fill("lea@autre.example.com")
    dialog.get_by_role("button", name="Enregistrer").click()
    expect(dialog.locator(".warning")).to_contain_text("Un client portant un nom similaire")
    link = dialog.get_by_role("link", name="Ouvrir Atelier Lumière")
    expect(link).to_have_attribute("href", f"/admin/customers/{existing.id}")
    expect(page.locator("#company")).to_have_value("Atelier Lumiere")  # what was typed stays
    db.session.expire_all()
    assert db.session.scalars(select(Customer)).all() == [existing] and inbox.messages == []

    dialog.get_by_role("button", name="Créer quand même").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".toast")).to_contain_text("Atelier Lumiere")
    db.session.expire_all()
    assert len(db.session.scalars(select(Customer)).all()) == 2
    assert [m["To"] for m in inbox.messages] == ["lea@autre.example.com"]
    assert errors == [], errors
    context.close()
