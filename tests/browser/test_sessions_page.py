"""A staff member signed in on two browsers ends the other one from My profile → Sessions and
security log; the other browser is sent to the sign-in page at its next click."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_a11y_pwa import serious_violations
from tests.factories import make_user

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 800}}


@pytest.mark.parametrize("size", SIZES)
def test_ending_the_other_browser_from_my_profile(browser, live_server, ctx, size):
    user = make_user(name="Sam Sessions")
    other_context = browser.new_context(viewport=SIZES["desktop"])
    other = other_context.new_page()
    sign_in(other, live_server + "/admin/login", user.email)
    context = browser.new_context(viewport=SIZES[size], locale="en-GB")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", user.email)
    page.goto(live_server + "/admin/profile")
    page.get_by_role("link", name="Sessions and security log").click()
    expect(page.get_by_role("heading", name="Sessions and security log")).to_be_visible()
    expect(page.get_by_text("This browser")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="End this session").click()
    expect(page.get_by_text("The session is ended.")).to_be_visible()
    expect(page.get_by_role("button", name="End this session")).to_have_count(0)
    expect(page.get_by_role("cell", name="Ended another session")).to_be_visible()
    page.screenshot(path=f"test-results/sessions-{size}.png", full_page=True)
    other.reload()
    expect(other).to_have_url(live_server + "/admin/login?next=/admin/")
    assert errors == []
    context.close()
    other_context.close()
