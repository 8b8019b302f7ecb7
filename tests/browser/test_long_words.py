"""Long unbroken words (names, subjects, emails) never make a page scroll sideways."""

from app.extensions import db
from app.models import ContractType
from tests.browser.conftest import sign_in
from tests.factories import (
    make_admin,
    make_contract,
    make_customer,
    make_document,
    make_group,
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


# Every word of the page (between spaces, hyphens and slashes) whose parts lie on two lines:
# a word broken inside itself. Addresses (with @) and tokens over 30 letters may break.
BROKEN_WORDS = """() => {
  const broken = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const words = /[^\\s\\-\\/\\u2013\\u2014\\u00b7]+/g;
    for (let m = words.exec(node.textContent); m; m = words.exec(node.textContent)) {
      if (m[0].length < 2 || m[0].length > 30 || m[0].includes("@")) continue;
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects())
        .filter((r) => r.width > 0 && r.height > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.add(m[0]);
    }
  }
  return Array.from(broken);
}"""
SCROLLED_TABLES = """() => Array.from(document.querySelectorAll('.table-wrap'))
  .filter((w) => w.scrollWidth > w.clientWidth + 1).length"""
WIDTHS = (360, 390, 768, 1280, 1920)


def _business(language):
    """Groups, customers, invoices and estimates as a French or German agency has them."""
    from app.services.customers.search import reindex_customer

    names = {
        "fr": ("Agences", "Boulangeries artisanales", "Commerces de proximité"),
        "de": ("Agenturen", "Handwerksbäckereien", "Einzelhandelsgeschäfte"),
    }[language]
    groups = [make_group(name=name) for name in names]
    customers = []
    for n, company in enumerate(
        ["Atelier Lumière", "Boulangerie Martin", "Fromagerie Dubois", "Schreinerei Müller"]
    ):
        customer = make_customer(
            company=company, language=language, groups=groups[n % 3 : n % 3 + 2]
        )
        make_portal_contact(customer, email=f"contact{n}.{language}@example.com")
        reindex_customer(customer)
        customers.append(customer)
        make_document(customer, status="unpaid")
        make_document(customer, kind="estimate", status="sent")
        make_contract(customer, subject="Wartungsvertrag" if language == "de" else "Maintenance")
        make_project(customer, name="Site vitrine", tasks=[("Maquettes", "todo")])
    db.session.commit()
    return customers


def test_no_word_breaks_inside_itself(browser, live_server, ctx):
    broken, scrolled = {}, {}
    for language in ("fr", "de"):
        staff = make_admin(language=language)
        customer = _business(language)[0]
        invoice = make_document(customer, status="unpaid")
        paths = [
            "/admin/",
            "/admin/reports/customer-groups",
            "/admin/customers",
            f"/admin/customers/{customer.id}",
            "/admin/customers/new",
            "/admin/invoices",
            "/admin/estimates",
            f"/admin/invoices/{invoice.id}",
            "/admin/contracts",
            "/admin/projects",
        ]
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, live_server + "/admin/login", staff.email)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for path in paths:
                page.goto(live_server + path)
                words = page.evaluate(BROKEN_WORDS)
                if words:
                    broken[(language, width, path)] = words
                if width >= 1280 and page.evaluate(SCROLLED_TABLES):
                    scrolled[(language, width, path)] = True  # columns behind a sideways scroll
                if overflow_now(page) > 0:
                    broken[(language, width, path, "page scrolls sideways")] = overflow_now(page)
        context.close()
    assert broken == {}, sorted(broken.items())
    assert scrolled == {}, sorted(scrolled)


def overflow_now(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
