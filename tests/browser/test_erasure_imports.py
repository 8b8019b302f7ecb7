"""An erasure and the import that brought the contact in, in a browser (English on a desk,
French on a phone): after erasing Claire, the import's page says its file is no longer kept and
one of its records was erased, offers no refused-rows download, and Undo still works."""

import pytest
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Contact, Customer, CustomerImport
from app.services.imports.runs import file_erased_message
from tests.browser.conftest import sign_in
from tests.factories import make_admin
from tests.imports.helpers import imported
from tests.privacy.test_erasure_imports import BAD, BETA, CLAIRE, EMAIL


def words(app, language: str) -> dict:
    with app.test_request_context(), force_locale(language):
        erased = ngettext(
            "%(num)d record of this import was erased since (personal data): Undo leaves it as it is.",  # noqa: E501
            "%(num)d records of this import were erased since (personal data): Undo leaves them as they are.",  # noqa: E501
            1,
        )
        return {"erase": _("Erase the personal data"), "gone": file_erased_message(),
                "erased": erased, "download": _("Download refused rows (CSV)"),
                "undo": _("Undo import"), "undone": _("Import undone.")}  # fmt: skip


@pytest.mark.parametrize(("language", "width"), [("en", 1280), ("fr", 390)])
def test_an_erased_contacts_import_says_what_it_no_longer_keeps(
    app, browser, live_server, ctx, language, width
):
    w = words(app, language)
    admin = make_admin(name="Ada", language=language)
    imp = imported([CLAIRE, BETA, BAD], user=admin)
    claire = db.session.scalars(select(Contact).where(Contact.email == EMAIL)).one()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server + "/admin/login", admin.email)

    page.goto(f"{live_server}/admin/customers/imports/{imp.id}")
    expect(page.get_by_role("link", name=w["download"])).to_be_visible()  # the file is kept
    page.goto(f"{live_server}/admin/customers/{claire.customer_id}/contacts/{claire.id}/erase")
    page.get_by_role("button", name=w["erase"]).click()
    page.goto(f"{live_server}/admin/customers/imports/{imp.id}")
    state = page.locator("#import-state")
    expect(state).to_contain_text(w["gone"])
    expect(state).to_contain_text(w["erased"])
    expect(page.get_by_role("link", name=w["download"])).to_have_count(0)
    expect(state).not_to_contain_text(EMAIL)
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, "the page scrolls sideways"

    page.get_by_role("button", name=w["undo"]).click()
    expect(page.get_by_text(w["undone"])).to_be_visible()
    assert errors == []
    context.close()
    db.session.expire_all()
    assert db.session.get(CustomerImport, imp.id).status == "undone"
    companies = set(db.session.scalars(select(Customer.company)))
    assert "Beta GmbH" not in companies and "Boulangerie Martin" in companies
