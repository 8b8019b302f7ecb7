"""Opening balances imported in a browser, in English on a desk and in French on a phone: a
file whose balance columns are recognised by their titles; after the import, the customer's
Statement shows what it owed from day one."""

import pytest
from babel.numbers import format_decimal
from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Customer
from tests.browser.conftest import sign_in
from tests.browser.test_import_story import counts, upload, words
from tests.factories import make_currency, make_user

HEADER = ["Company", "VAT number", "Country", "Opening balance", "Opening balance currency",
          "Opening balance date"]  # fmt: skip
GUESSED = ["company", "vat_number", "country", "opening_balance", "opening_balance_currency",
           "opening_balance_date"]  # fmt: skip


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("fr", 390)])
def test_imported_opening_balance_is_on_the_statement(app, browser, live_server, ctx, language,
                                                      width):  # fmt: skip
    w = words(app, language)
    make_currency("EUR", is_default=True)
    staff = make_user(name="Claire", is_admin=True, language=language)
    amount = "1234.56" if language == "en" else "1234,56"
    text = ";".join(HEADER) + "\n" + f"Acme SARL;FR40303265045;FR;{amount};EUR;2026-11-30\n"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", staff.email)

    upload(page, live_server, w, "balances.csv", text.encode())
    for n, target in enumerate(GUESSED):
        expect(page.locator(f'select[name="column_{n}"]')).to_have_value(target)
    page.get_by_role("button", name=w["check"]).click()
    counts(page, created=1, refused=0)
    page.get_by_role("button", name=w["import"], exact=True).click()
    expect(page.get_by_role("button", name=w["undo"])).to_be_visible(timeout=30_000)
    db.session.expire_all()
    acme = db.session.scalar(select(Customer).where(Customer.company == "Acme SARL"))

    page.goto(f"{live_server}/admin/customers/{acme.id}/statement?from=2026-12-01&to=2026-12-31")
    with app.test_request_context(), force_locale(language):
        label = _("Opening balance")
    row = page.locator("tr.statement-opening").first
    expect(row).to_contain_text(label)
    shown = row.inner_text().replace("\u202f", " ").replace("\xa0", " ")
    assert format_decimal(1234.56, format="#,##0.00", locale=language).replace(
        "\u202f", " ").replace("\xa0", " ") in shown  # fmt: skip
    assert errors == []
    context.close()
