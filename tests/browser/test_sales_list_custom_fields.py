"""The invoice list's custom filter and column in a browser, in English on a desk and in French
on a phone: choosing a region narrows the list (kept in the address bar) and its totals, and
ticking the field under *More columns* shows its values."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from app.services.sales.service import ItemInput
from tests.browser.conftest import sign_in
from tests.custom_fields.test_customer_list_custom_fields import put
from tests.factories import (
    make_currency,
    make_custom_field,
    make_customer,
    make_document,
    make_user,
)

WORDS = {"en": {"region": "Region", "north": "North", "columns": "More columns",
                "total": "€123.45"},
         "fr": {"region": "Région", "north": "Nord", "columns": "Autres colonnes",
                "total": "123,45\u00a0€"}}  # fmt: skip


@pytest.mark.parametrize("language, width", [("en", 1280), ("fr", 390)])
def test_staff_filter_the_invoices_by_a_region_and_show_it(
    browser, live_server, ctx, language, width
):
    words = WORDS[language]
    make_currency("EUR", is_default=True)
    region = make_custom_field("region", "choice", entity="invoice",
                               labels={"en": "Region", "fr": "Région"},
                               choices=[("north", {"en": "North", "fr": "Nord"}),
                                        ("south", {"en": "South", "fr": "Sud"})])  # fmt: skip
    customer = make_customer(company="Acme")
    numbers = {}
    for area, price in (("north", "123.45"), ("south", "10")):
        line = ItemInput("Work", Decimal(1), Decimal(price))
        invoice = make_document(customer, status="unpaid", lines=[line])
        put(region, invoice, "invoice", value_text=area)
        numbers[area] = invoice.number
    admin = make_user(name="Claire", is_admin=True, language=language)
    errors = []
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", admin.email)
    page.goto(f"{live_server}/admin/invoices")
    results = page.locator("#results")
    expect(results).to_contain_text(numbers["south"])
    page.get_by_role("combobox", name=words["region"], exact=True).select_option(
        label=words["north"]
    )
    expect(results).not_to_contain_text(numbers["south"])
    expect(results).to_contain_text(numbers["north"])
    expect(results.locator(".currency-totals")).to_contain_text(words["total"])
    assert "cf_region=north" in page.url
    columns = page.locator("fieldset.custom-columns")
    expect(columns).to_contain_text(words["columns"])
    columns.get_by_label(words["region"]).check()
    expect(results.locator("th", has_text=words["region"])).to_have_count(1)  # hidden on a phone
    expect(results.locator(f'td[data-label="{words["region"]}"]')).to_have_text(words["north"])
    assert "col=region" in page.url
    page.reload()  # the address keeps both
    expect(results).not_to_contain_text(numbers["south"])
    expect(results.locator(f'td[data-label="{words["region"]}"]')).to_have_text(words["north"])
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"
    assert errors == [], errors
    context.close()
