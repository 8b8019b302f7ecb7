"""A customer's tabs (fourteen or more) on a 390 px phone, left to right (English, Polish) and
right to left (Arabic): the strip scrolls sideways inside itself, the page never does, and the
open tab is scrolled into view when its page loads."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import make_admin, make_customer

TABS = ("", "/files", "/projects", "/activity")  # the first, two in the middle, the last


def _page_scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > window.innerWidth || window.scrollX !== 0"
    )


@pytest.mark.parametrize("language", ["en", "pl", "ar"])
def test_the_tab_strip_scrolls_inside_itself_showing_the_open_tab(
    browser, live_server, ctx, language, tmp_path
):
    admin = make_admin(language=language)
    customer = make_customer(company="Piekarnia Kowalski sp. z o.o.")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", admin.email)
    for tab in TABS:
        page.goto(f"{live_server}/admin/customers/{customer.id}{tab}")
        strip = page.locator("nav.page-tabs")
        assert strip.locator("a").count() >= 14
        assert strip.evaluate("s => s.scrollWidth > s.clientWidth")  # it scrolls inside
        current = strip.locator("[aria-current=page]")
        expect(current).to_be_in_viewport(ratio=0.95)
        box = current.bounding_box()
        assert box["x"] >= -1 and box["x"] + box["width"] <= 391, (tab, box)
        assert not _page_scrolls_sideways(page), tab
        page.screenshot(path=tmp_path / f"tabs_{language}{tab.replace('/', '_')}.png")
    # Swiping the strip moves the tabs, not the page.
    strip.evaluate("s => s.scrollBy({left: -2000})")
    assert not _page_scrolls_sideways(page)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert errors == [], errors
    context.close()
