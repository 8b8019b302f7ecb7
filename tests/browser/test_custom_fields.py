"""Custom fields in a browser, in English on a desk and in French on a phone: an administrator
adds a "one choice" field to customers (French labels too), a staff member chooses it on a
customer's profile, then filters the customer list by it and shows it as a column."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_customer, make_user

WORDS = {
    "en": {"save": "Save", "added": "Custom field added.", "translations": "Translations",
           "saved": "Changes saved.", "gold": "Gold"},
    "fr": {"save": "Enregistrer", "added": "Champ personnalisé ajouté.",
           "translations": "Traductions", "saved": "Modifications enregistrées.", "gold": "Or"},
}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("fr", 390)])
def test_a_one_choice_field_is_added_filled_and_filtered(browser, live_server, ctx, language,
                                                          width):  # fmt: skip
    words = WORDS[language]
    admin = make_user(name="Claire", is_admin=True, language=language)
    staff = make_user(name="Sam", language=language)
    nord = make_customer(company="Atelier Nord")
    make_customer(company="Boulangerie Sud")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    sign_in(page, live_server + "/admin/login", admin.email)
    page.goto(f"{live_server}/admin/settings/custom-fields/new")
    page.locator("#field_type").select_option("choice")
    page.locator("#label_en").fill("Contract tier")
    page.locator("#choices_en").fill("Gold\nSilver")
    page.get_by_text(words["translations"], exact=True).click()
    page.locator("#label_fr").fill("Niveau de contrat")
    page.locator("#choices_fr").fill("gold = Or\nsilver = Argent")
    page.locator("#in_lists").check()
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.get_by_text(words["added"])).to_be_visible()
    context.clear_cookies()

    sign_in(page, live_server + "/admin/login", staff.email)
    page.goto(f"{live_server}/admin/customers/{nord.id}")
    page.locator("#cf_contract_tier").select_option(label=words["gold"])
    page.get_by_role("button", name=words["save"], exact=True).click()
    expect(page.get_by_text(words["saved"])).to_be_visible()

    page.goto(f"{live_server}/admin/customers")
    rows = page.locator("table.customers-table tbody tr")
    expect(rows).to_have_count(2)
    page.locator("#filter-cf_contract_tier").select_option(label=words["gold"])
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Atelier Nord")
    page.locator(".custom-columns input[value=contract_tier]").check()
    expect(rows.first).to_contain_text(words["gold"])
    assert "cf_contract_tier=gold" in page.url and "col=contract_tier" in page.url
    page.reload()
    expect(rows).to_have_count(1)
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    assert errors == []
    context.close()
