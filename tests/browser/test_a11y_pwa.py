"""Accessibility (axe-core, vendored for tests only) on the main pages; the installable app."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import (
    make_admin,
    make_customer,
    make_document,
    make_portal_contact,
)

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()


def serious_violations(page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['help']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def people(ctx, request):
    admin = make_admin(name="Alex Admin", language=getattr(request, "param", None))
    customer = make_customer(company="Acme", language="fr")
    contact = make_portal_contact(customer, first_name="Lou")
    invoice = make_document(customer, status="unpaid", language="fr")
    return admin, customer, contact, invoice


@pytest.mark.parametrize(
    "people,width", [("en", 1280), ("en", 360), ("fr", 360)], indirect=["people"]
)
def test_no_serious_accessibility_violation(browser, live_server, people, width):
    admin, customer, contact, invoice = people
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server + "/admin/login")
    found = {"/admin/login": serious_violations(page)}
    sign_in(page, live_server + "/admin/login", admin.email)
    for path in [
        "/admin/",
        "/admin/customers",
        "/admin/customers/new",
        f"/admin/customers/{customer.id}",
        f"/admin/customers/{customer.id}/contacts",
        "/admin/invoices",
        f"/admin/invoices/{invoice.id}",
        f"/admin/invoices/new?customer={customer.id}",
        f"/admin/proposals/new?customer={customer.id}",
        "/admin/tickets",
        "/admin/reports/customer-groups",
        "/admin/settings/",
        "/admin/settings/email-templates/welcome/fr",
    ]:
        page.goto(live_server + path)
        found[path] = serious_violations(page)
        if width == 360:
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    context.close()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server + "/clients/login")
    found["/clients/login"] = serious_violations(page)
    sign_in(page, live_server + "/clients/login", contact.email)
    for path in [
        "/clients/",
        "/clients/invoices",
        f"/clients/invoices/{invoice.id}",
        "/clients/proposals",
        "/clients/tickets",
        "/clients/tickets/new",
        "/clients/profile",
    ]:
        page.goto(live_server + path)
        found[path] = serious_violations(page)
        if width == 360:
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    context.close()
    problems = {path: v for path, v in found.items() if v}
    assert problems == {}, json.dumps(problems, indent=1)


def test_installable_and_offline(browser, live_server, people):
    admin = people[0]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server + "/admin/login", admin.email)
    manifest = page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
    )
    assert manifest["display"] == "standalone" and manifest["icons"][0]["sizes"] == "192x192"
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the service worker
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    context.set_offline(True)
    page.goto(live_server + "/admin/customers")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    cached = page.evaluate("""caches.keys().then(keys => Promise.all(keys.map(k =>
        caches.open(k).then(c => c.keys()).then(rs => rs.map(r => new URL(r.url).pathname)))))
        .then(lists => lists.flat())""")
    assert cached and all(p.startswith("/static/") or p == "/offline" for p in cached), cached
    context.set_offline(False)
    context.close()
