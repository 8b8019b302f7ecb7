"""A staff member sets up two-step sign-in from My profile (the key read from the page, the code
computed with pyotp), keeps the recovery codes, signs out and signs in again with a code."""

import time

import pyotp
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_a11y_pwa import serious_violations
from tests.factories import make_user


def next_step_code(secret: str) -> str:
    """The code of the next time step: the current one may be the code just spent (a code works
    once), and the server accepts one step either side."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def test_staff_sets_up_two_step_and_signs_in_with_a_code(browser, live_server, ctx):
    user = make_user(name="Sam Secure", language=None)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", user.email)
    page.get_by_role("link", name="Sam Secure").click()
    page.get_by_role("link", name="Set up two-step sign-in").click()
    expect(page.get_by_role("img", name="QR code to scan")).to_be_visible()
    expect(page.locator(".two-step-qr svg")).to_be_visible()
    assert serious_violations(page) == []
    page.screenshot(path="test-results/two-step-setup.png", full_page=True)
    secret = page.locator("#two-step-secret").inner_text().strip()
    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_text("This code is not right.")).to_be_visible()
    page.get_by_label("Code", exact=True).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", name="Two-step sign-in is on")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.screenshot(path="test-results/two-step-codes.png", full_page=True)
    page.get_by_role("link", name="I have kept them").click()
    expect(page.get_by_text("10 recovery codes left.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda address: address.split("?")[0].endswith("/admin/login"))

    sign_in(page, live_server + "/admin/login", user.email)
    expect(page.get_by_role("heading", name="Two-step sign-in")).to_be_visible()
    assert page.url.endswith("/admin/login/code")
    page.get_by_label("Code", exact=True).fill(next_step_code(secret))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda address: address.split("?")[0].endswith("/admin/"))
    expect(page.get_by_role("link", name="Sam Secure")).to_be_visible()
    assert errors == [], errors
    context.close()
