"""Long unbroken words (names, subjects, emails) never make a page scroll sideways."""

from app.extensions import db
from app.models import ContractType
from tests.browser.conftest import sign_in
from tests.factories import (
    make_admin,
    make_contract,
    make_customer,
    make_document,
    make_portal_contact,
    make_project,
)

LONG = "Anticonstitutionnellement" * 4


def overflow(page, url) -> int:
    page.goto(url)
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_long_words_stay_inside_the_page(browser, live_server, ctx):
    admin = make_admin()
    customer = make_customer(company=f"Boulangerie {LONG}", language="fr")
    contact = make_portal_contact(
        customer, first_name="Claire", email=f"{LONG.lower()}@example.com"
    )
    kind = ContractType(name=LONG)
    db.session.add(kind)
    db.session.commit()
    contract = make_contract(customer, subject=LONG, type_id=kind.id)
    proposal = make_document(customer, kind="proposal", status="sent", body=f"<p>{LONG}</p>")
    project = make_project(customer, name=LONG, tasks=[(LONG, "todo")])

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    sign_in(page, live_server + "/admin/login", admin.email)
    wide = {
        path: overflow(page, live_server + path)
        for path in (
            "/admin/settings/contracts",
            "/admin/contracts",
            f"/admin/contracts/{contract.id}",
            f"/admin/customers/{customer.id}/contracts",
            f"/admin/proposals/{proposal.id}",
            "/admin/projects",
            f"/admin/projects/{project.id}",
        )
    }
    db.session.add_all([ContractType(name="Hosting"), ContractType(name="x" * 100)])
    db.session.commit()
    page.goto(live_server + "/admin/settings/contracts")
    delete = page.get_by_role("button", name="Delete").first
    assert delete.bounding_box()["height"] < 45  # one line (two lines measure 55 px)
    desk.close()
    assert {path: px for path, px in wide.items() if px > 0} == {}

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    sign_in(page, live_server + "/clients/login", contact.email)
    wide = {
        path: overflow(page, live_server + path)
        for path in (
            "/clients/",
            "/clients/contracts",
            f"/clients/contracts/{contract.id}",
            f"/clients/proposals/{proposal.id}",
            f"/clients/projects/{project.id}",
        )
    }
    phone.close()
    assert {path: px for path, px in wide.items() if px > 0} == {}
