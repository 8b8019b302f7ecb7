"""Arabic pages are laid out right to left from the one stylesheet: nothing sticks out of the
screen, the menu sits on the right, axe finds nothing serious, and phone numbers, emails and VAT
numbers still read left to right. Screenshots of each page land in test-results/."""

from pathlib import Path

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_a11y_pwa import serious_violations
from tests.factories import make_admin, make_customer, make_document, make_portal_contact

PHONE = "+33 1 42 68 53 00"
EMAIL = "2024.ventes@example.com"  # digits first: in a bare right-to-left cell they would move
VAT = "FR40303265045"

# Elements that stick out of the screen on the end side (left, in right to left), outside a
# strip that scrolls sideways on purpose (tabs, wide tables) or a box hidden off screen.
OUTSIDE = """() => {
  const width = window.innerWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (["auto", "scroll", "hidden"].includes(style.overflowX)) return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")].filter((el) => {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === "hidden") return false;
    if (box.right <= 0 || box.left >= width) return false;  // moved off screen on purpose
    return (box.left < -1 || box.right > width + 1) && !scrolls(el);
  }).map((el) => el.tagName.toLowerCase() + "." + el.className);
}"""

# The characters of an element's text but spaces, in the order they appear on the screen (line by
# line, left to right).
ON_SCREEN = """(el) => {
  const chars = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      const char = node.data[i];
      if (box.width && char.trim()) chars.push([Math.round(box.top), box.left, char]);
    }
  }
  return chars.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((c) => c[2]).join("");
}"""


SHOTS = Path("test-results")


def arabic(text: str) -> str:
    """The Arabic catalogue's words for `text` (the names on the page's buttons and labels)."""
    with force_locale("ar"):
        return gettext(text)


@pytest.fixture
def people(ctx):
    admin = make_admin(language="ar")
    customer = make_customer(
        company="Atelier Lumière", phone="+33142685300", vat_number=VAT, language="ar"
    )
    contact = make_portal_contact(customer, email=EMAIL, phone="+33142685300")
    invoice = make_document(customer, status="sent")
    return admin, customer, contact, invoice


def right_to_left(page, url, shot=None):
    """Open `url`, an Arabic page: laid out right to left, and photographed."""
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    if shot:
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / f"rtl-{shot}.png", full_page=True)


def assert_inside_the_screen(page, name):
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: {overflow}px wider than the screen"
    assert page.evaluate(OUTSIDE) == [], name


def reads_left_to_right(locator, text):
    """`text` shows in its own order inside `locator`, whatever the direction around it."""
    expect(locator).to_contain_text(text)
    assert text.replace(" ", "") in locator.evaluate(ON_SCREEN)


@pytest.mark.parametrize("width", [1280, 390])
def test_staff_pages_mirror_without_overflow(browser, live_server, people, width):
    admin, customer, _contact, invoice = people
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server + "/admin/login", admin.email)
    pages = {
        "dashboard": "/admin/",
        "customer list": "/admin/customers",
        "customer page": f"/admin/customers/{customer.id}",
        "contacts": f"/admin/customers/{customer.id}/contacts",
        "invoice page": f"/admin/invoices/{invoice.id}",
    }
    serious = {}
    for name, path in pages.items():
        right_to_left(page, live_server + path, f"{width}-{name.replace(' ', '-')}")
        assert_inside_the_screen(page, name)
        serious[name] = serious_violations(page)
    assert {name: found for name, found in serious.items() if found} == {}

    right_to_left(page, live_server + "/admin/customers")
    row = page.get_by_role("row").filter(has_text="Atelier Lumière")
    reads_left_to_right(row.locator(f"td[data-label='{arabic('Phone')}']"), PHONE)
    reads_left_to_right(row.locator(f"td[data-label='{arabic('Email')}']"), EMAIL)
    right_to_left(page, live_server + f"/admin/customers/{customer.id}/contacts")
    reads_left_to_right(page.locator(f"td[data-label='{arabic('Email')}']"), EMAIL)

    menu = page.get_by_role("navigation", name=arabic("Main menu"))
    if width == 1280:  # the sidebar stands on the right
        box = menu.bounding_box()
        assert box["x"] > width / 2, box
    else:  # the Menu button opens the list, its entries starting from the right
        page.get_by_role("button", name=arabic("Menu")).click()
        expect(menu).to_be_visible()
        first = menu.get_by_role("link").first
        assert (
            first.evaluate(
                "(a) => { const r = document.createRange(); r.selectNodeContents(a);"
                " return r.getBoundingClientRect().left; }"
            )
            > width / 2
        )
        assert_inside_the_screen(page, "open menu")
    assert errors == [], errors
    context.close()


def test_form_tabs_follow_the_arrow_keys_on_screen(browser, live_server, people):
    admin = people[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server + "/admin/login", admin.email)
    right_to_left(page, live_server + "/admin/customers/new")
    details = page.get_by_role("tab", name=arabic("Customer details"))
    contact = page.get_by_role("tab", name=arabic("Primary contact"))
    assert contact.bounding_box()["x"] < details.bounding_box()["x"]  # the next tab is on its left
    details.click()
    page.keyboard.press("ArrowLeft")
    expect(contact).to_have_attribute("aria-selected", "true")
    expect(contact).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(details).to_have_attribute("aria-selected", "true")
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_portal_mirrors_without_overflow(browser, live_server, people, width):
    _admin, _customer, contact, invoice = people
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, live_server + "/clients/login", contact.email)
    for name, path in {
        "portal dashboard": "/clients/",
        "portal invoice": f"/clients/invoices/{invoice.id}",
        "portal profile": "/clients/profile",
    }.items():
        right_to_left(page, live_server + path, f"{width}-{name.replace(' ', '-')}")
        assert_inside_the_screen(page, name)
        assert serious_violations(page) == [], name
    # On the profile: the contact's email, the company's VAT and phone numbers.
    email = page.locator(".field").filter(has=page.locator("span.label", has_text=arabic("Email")))
    reads_left_to_right(email.locator("span").last, EMAIL)
    reads_left_to_right(page.locator(".details dd", has_text=VAT), VAT)
    reads_left_to_right(page.locator(".details dd", has_text="+33"), PHONE)
    if width == 1280:
        box = page.get_by_role("navigation", name=arabic("Main menu")).bounding_box()
        assert box["x"] > width / 2, box
    context.close()
