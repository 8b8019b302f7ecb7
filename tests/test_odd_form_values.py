"""Odd values sent to every form of the app get an answer, never a 500.

The forms are not listed by hand: every GET page of a surface is opened with real ids, the forms
it renders are read (method, action, field names), each page with a filter form or a pager gets
odd values in its query string, and each POST route odd values in its fields, all at once and
one field at a time.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import cycle
from urllib.parse import urlsplit

import pytest

from app.extensions import db, limiter
from app.services.customers.search import reindex_customer
from tests.access import ACCESS, customer_objects, real_url, settings_objects
from tests.factories import make_admin, make_customer, make_portal_contact

ODD_VALUES = [
    "sNaN",
    "NaN",
    "-Infinity",
    "1e999",
    "99999999999999999999",
    "²",
    "٣",
    "-1",
    "0",
    "",
    "x" * 10_000,
    "\x00",
    "<script>",
    "../../etc/passwd",
    ["1", "2"],  # the field sent twice
]
# POST routes whose form no page of the fixture shows, each with why; any other route without a
# form is a page the fuzzing misses (its route is still posted, with a field of its own).
WITHOUT_FORM = {
    # The fixture's one contact is the primary one: these buttons show on the others only.
    "admin.customer_contact_primary": "shown for a contact that is not the primary one",
    "admin.customer_contact_active": "shown for a contact that is not the primary one",
    # The fixture's documents and contract are past the state these buttons belong to.
    "admin.invoice_issue": "shown on a draft only",
    "admin.invoice_edit": "an issued invoice is final (its form is the New invoice one, tried)",
    "admin.credit_issue": "shown on a draft only",
    "admin.credit_edit": "an issued credit note is final (its form is the New one, tried)",
    "admin.estimate_issue": "shown on a draft only",
    "admin.proposal_issue": "shown on a draft only",
    "admin.contract_renew": "shown on a contract that may be renewed",
    "admin.my_task_done": "shown for one's own open tasks (the fixture's task is nobody's)",
    # The fixture's task is a project's: these are a standalone task's (tests/admin/test_my_tasks).
    "admin.customer_task_update": "shown for a customer's standalone tasks only",
    "admin.customer_task_delete": "shown for a customer's standalone tasks only",
    "admin.recurring_resume": "shown on a paused recurring invoice only",
    "admin.contract_delete": "shown on a draft contract only",
    "admin.customer_delete": "the customer has documents: its page explains, with no button",
    # The fixture's import waits for its mapping (that form is tried): not checked, not run.
    "admin.import_start": "shown once the file is checked (tests/imports/test_import_pages)",
    "admin.import_undo": "shown once the import is done (tests/imports/test_import_pages)",
    "auth.logout": "the sign-out button is on signed-in pages, not in the public surface",
    "portal.logout": "the sign-out button is on signed-in pages, not in the public surface",
    "portal.end_impersonation": "shown only while staff view the portal as a contact",
    # A set-password page needs a real token from a mail.
    "auth.reset_password": "its form shows only for a real token",
    "portal.set_password": "its form shows only for a real token",
    "auth.confirm_email": "its button shows only for a real link to a new address",
    # Session buttons show for a session other than this browser's.
    "admin.profile_session_end": "shown for another browser's session only",
    "admin.profile_sessions_end_others": "shown when another browser is signed in",
    "admin.staff_sessions_end": "shown when the staff member has an open session",
    "auth.accept_invitation": "its form shows only for a real invitation token",
    # The fixture's staff member has a password and is active.
    "admin.staff_resend_invitation": "shown for a staff member still invited",
    "admin.staff_reactivate": "shown for an inactive staff member",
    # Two-step sign-in: the fixture's people have it off, and nobody is between the two steps.
    "admin.two_step_off": "shown once two-step sign-in is on",
    "portal.two_step_off": "shown once two-step sign-in is on",
    "admin.staff_two_step_reset": "shown for a staff member who has two-step sign-in on",
    "admin.customer_contact_two_step_reset": "shown for a contact who has two-step sign-in on",
    "auth.login_code": "its form shows only after the password of someone with two-step sign-in",
    "portal.login_code": "its form shows only after the password of someone with two-step sign-in",
}
# One field at a time, the others as the page gave them, so that the odd value gets past the
# form to the services and the database: a value a form may let through but a database may not
# store (each field gets one, in turn; every field also gets all of ODD_VALUES at once above).
PAST_THE_FORM = ["99999999999999999999", "\x00", "x" * 10_000, "-1", "1e999", ["1", "2"]]


class FormReader(HTMLParser):
    """The forms of a page: {(method, action path): {field name: the value the page gives it}};
    a pager's links count as a GET form of the page with a `page` field."""

    def __init__(self, page_path: str):
        super().__init__()
        self.page_path, self.forms, self.current = page_path, {}, None
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" or (attrs.get("hx-post") and tag != "form"):
            action = attrs.get("hx-post") or attrs.get("action") or self.page_path
            method = "post" if attrs.get("hx-post") else (attrs.get("method") or "get").lower()
            key = (method, urlsplit(action).path or self.page_path)
            self.current = self.forms.setdefault(key, {})
        if tag == "a" and "page=" in (attrs.get("href") or ""):
            self.forms.setdefault(("get", self.page_path), {})["page"] = "2"
        if tag == "option" and self.current is not None and self.select and "selected" in attrs:
            self.current[self.select] = attrs.get("value", "")
        if self.current is None or not attrs.get("name") or attrs["name"] == "csrf_token":
            return
        name = attrs["name"]
        if tag == "input" and attrs.get("type") not in {"checkbox", "radio", "submit"}:
            self.current.setdefault(name, attrs.get("value") or "")
        elif tag in {"input", "button"}:
            self.current.setdefault(name, attrs.get("value") or "y")
        elif tag == "select":
            self.current.setdefault(name, "")
            self.select = name
        elif tag == "textarea":
            self.current.setdefault(name, "")
            self.textarea = name

    def handle_data(self, data):
        if self.textarea and self.current is not None:
            self.current[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.current = None


class LinkReader(HTMLParser):
    """The href of every link of a page."""

    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def chosen_pages(client, pages, company) -> list:
    """The links a "new" page's customer chooser gives for `company`: the whole create form."""
    chosen = []
    for url in (u for u in pages if u.endswith("/new")):
        reader = LinkReader()
        reader.feed(client.get(url, query_string={"q": company}).get_data(as_text=True))
        chosen += [href for href in reader.hrefs if href.startswith(f"{url}?")]
    return chosen


def page_forms(client, urls) -> dict:
    """The forms on the pages at `urls`: {(method, action path): {field: value}}, merged."""
    forms: dict = {}
    for url in urls:
        with client.get(url) as response:
            if response.status_code != 200 or "html" not in response.content_type:
                continue
            reader = FormReader(urlsplit(url).path)
            reader.feed(response.get_data(as_text=True))
        for action, fields in reader.forms.items():
            forms.setdefault(action, {}).update(fields)
    return forms


def odd_posts(fields: dict):
    """Form payloads: every field odd at once (each odd value), then one field at a time."""
    for value in ODD_VALUES:
        yield {name: value for name in fields} or {"x": value}
    sample = cycle(PAST_THE_FORM)
    for name in fields:
        yield {**fields, name: next(sample)}


@dataclass
class Findings:
    failures: list = field(default_factory=list)  # (endpoint or path, status or error)
    posted: list = field(default_factory=list)  # POST urls tried
    without_form: list = field(default_factory=list)  # endpoints of those no page showed
    queried: list = field(default_factory=list)  # paths whose query string was tried

    def send(self, name, request, *args, **kwargs):
        """Make a request; a 500 or an exception (the test app lets them through) is a finding."""
        try:
            status = request(*args, **kwargs).status_code
        except Exception as error:  # noqa: BLE001 - every crash is a finding
            status = repr(error)[:80]
        if not isinstance(status, int) or status >= 500:
            self.failures.append(f"{name} {status}")

    def report(self) -> str:
        return "\n".join(sorted(set(self.failures)))


def fuzz_surface(app, client, ids, classes, sign_in, token_page) -> Findings:
    """Odd values in the query strings of the pages of `classes`, then in each POST route's
    fields (every field at once, then one at a time)."""
    found = Findings()
    rules = [r for r in app.url_map.iter_rules() if ACCESS.get(r.endpoint) in classes]
    sign_in()
    pages = [real_url(r, ids) for r in rules if "GET" in r.methods]
    # A "new" page first asks for the customer; its chooser's link shows the whole form.
    forms = page_forms(client, pages + chosen_pages(client, pages, ids["company"]))
    for (method, path), fields in forms.items():
        if method == "get" and path in pages:
            found.queried.append(path)
            for value in ODD_VALUES:
                args = dict.fromkeys({*fields, "page", "sort", "customer_id"}, value)
                found.send(path, client.get, path, query_string=args)
    # Deleting or signing out first would leave nothing for the routes after it.
    posts = sorted(
        (r for r in rules if "POST" in r.methods),
        key=lambda r: any(w in r.endpoint for w in ("delete", "logout", "end_impersonation")),
    )
    for rule in posts:
        url = real_url(rule, ids)
        found.posted.append(url)
        fields = forms.get(("post", url))
        if fields is None:
            found.without_form.append(rule.endpoint)
        limiter.reset()  # each route is tried in full, not throttled by the one before
        sign_in()
        token = client.csrf_token(token_page)
        for payload in odd_posts(fields or {}):
            found.send(rule.endpoint, client.post, url, data={**payload, "csrf_token": token})
    return found


@pytest.fixture
def ids(ctx):
    """Real objects for every URL variable, of one customer whose contact may use every module."""
    customer = make_customer(company="Acme")
    reindex_customer(customer)  # as creating it in the app does: the chooser finds it
    db.session.commit()
    contact = make_portal_contact(customer)
    objects = {**customer_objects(customer, contact), **settings_objects(), "contact": contact}
    extra = {"token": "not-a-real-token", "filename": "css/app.css", "company": customer.company}
    return {**objects, **extra}


def test_staff_forms_take_odd_values(app, client, ids, login_as):
    admin = make_admin()
    found = fuzz_surface(app, client, ids, {"staff", "admin"}, lambda: login_as(admin), "/admin/")
    assert not found.failures, found.report()
    assert len(found.posted) >= 50
    assert set(found.without_form) <= WITHOUT_FORM.keys(), found.without_form
    lists = {"/admin/invoices", "/admin/tickets", "/admin/contracts", "/admin/projects"}
    assert lists <= set(found.queried), found.queried


def test_portal_forms_take_odd_values(app, client, ids, login_as):
    found = fuzz_surface(
        app, client, ids, {"contact"}, lambda: login_as(ids["contact"]), "/clients/"
    )
    assert not found.failures, found.report()
    assert len(found.posted) >= 5
    assert set(found.without_form) <= WITHOUT_FORM.keys(), found.without_form


def test_sign_in_forms_take_odd_values(app, client, ids):
    def signed_out():
        with client.session_transaction() as session:
            session.clear()

    found = fuzz_surface(app, client, ids, {"public"}, signed_out, "/admin/login")
    assert not found.failures, found.report()
    assert len(found.posted) >= 5
    assert set(found.without_form) <= WITHOUT_FORM.keys(), found.without_form
