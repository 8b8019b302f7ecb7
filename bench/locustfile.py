"""Locust users of bench/load_faults.py (run in its own virtualenv, not the app's).

Staff sign in, list and search customers, create and edit customers, create invoices, record
payments and read PDFs; contacts sign in, read their invoices and PDFs and open tickets. Forms
are read the way a browser reads them (hidden fields and CSRF token included). Each user class
targets one of the two servers (LOAD_HOSTS="http://127.0.0.1:A,http://127.0.0.1:B").
Every answer of status 500 or more is written with its time to LOAD_ERRORS (a tab-separated file).
"""

import datetime
import itertools
import os
import random
import re
import time
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

HOSTS = os.environ["LOAD_HOSTS"].split(",")
CUSTOMERS = int(os.environ.get("LOAD_CUSTOMERS", "300"))
STAFF = os.environ["LOAD_STAFF"].split(",")
STAFF_PASSWORD = os.environ["LOAD_STAFF_PASSWORD"]
CONTACT_PASSWORD = os.environ["LOAD_CONTACT_PASSWORD"]
ERRORS = os.environ["LOAD_ERRORS"]
_hosts = itertools.cycle(HOSTS)
_staff = itertools.cycle(STAFF)


@events.request.add_listener
def _note_server_errors(request_type, name, response_time, response_length, response=None,
                        exception=None, **kw):  # fmt: skip
    status = getattr(response, "status_code", 0) or 0
    if status >= 500:
        with open(ERRORS, "a") as out:
            out.write(f"{time.time():.3f}\t{status}\t{request_type} {name}\t{kw.get('url')}\n")


class FormParser(HTMLParser):
    """The fields of each <form>: what a browser would send without the user touching it."""

    def __init__(self):
        super().__init__()
        self.forms, self.select, self.textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action"), "method": a.get("method", "get"),
                               "fields": []})  # fmt: skip
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name") and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                fields.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            # name, first option (a browser sends it unless the list is multiple), chosen one
            self.select = [a["name"], False if "multiple" in a else None, None]
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select[1] is None:  # (False: a multiple list, nothing by default)
                self.select[1] = value
            if "selected" in a:
                self.forms[-1]["fields"].append((self.select[0], value))
                self.select[2] = value
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            name, first, chosen = self.select
            if chosen is None and first is not None and first is not False and self.forms:
                self.forms[-1]["fields"].append((name, first))
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.forms:
            self.forms[-1]["fields"].append(tuple(self.textarea))
            self.textarea = None


def post_form(html: str, action: str = "") -> dict | None:
    """The first POST form with a CSRF token (and `action` in its action), as {field: value}
    (last value wins; a row template's fields, named with "__", left out)."""
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        names = [name for name, _ in form["fields"]]
        if (
            form["method"].lower() == "post"
            and "csrf_token" in names
            and action in (form["action"] or "")
        ):
            return {name: value for name, value in form["fields"] if "__" not in name}
    return None


def form_with(html: str, field: str) -> dict | None:
    """The first POST form that has `field` (the customer page has several forms)."""
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        fields = dict(form["fields"])
        if form["method"].lower() == "post" and field in fields and "csrf_token" in fields:
            return {name: value for name, value in fields.items() if "__" not in name}
    return None


def csrf(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'<meta name="csrf-token" content="([^"]+)"', html
    )
    return match.group(1) if match else ""


class Base(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def on_start(self):
        self.host = self.client.base_url = next(_hosts)
        for _ in range(20):  # a killed worker or the database down: try again, bounded
            if self.sign_in():
                return
            time.sleep(2)
        raise RuntimeError("could not sign in")

    def signed_in(self, login: str, fields: dict, name: str) -> bool:
        page = self.client.get(login, name=name + " (form)")
        if not page.ok:
            return False
        answer = self.client.post(login, data={"csrf_token": csrf(page.text), **fields}, name=name)
        return answer.ok and 'name="password"' not in answer.text  # not the form again

    def submit(self, url: str, overrides: dict, name: str, page_url="", action="", field=""):
        """GET the page, fill its form like a browser, POST it (a 422 is a message beside a
        field, not a failure of the app)."""
        page = self.client.get(page_url or url, name=name + " (form)")
        if not page.ok:
            return None
        fields = form_with(page.text, field) if field else post_form(page.text, action)
        if fields is None:
            return None
        fields.update(overrides)
        with self.client.post(url, data=fields, name=name, catch_response=True) as answer:
            if answer.status_code == 422:
                answer.success()
            return answer


class Staff(Base):
    weight = 2

    def sign_in(self) -> bool:
        fields = {"email": next(_staff), "password": STAFF_PASSWORD}
        return self.signed_in("/admin/login", fields, "staff login")

    def customer(self) -> int:
        # Demo customers come first; ours follow. Any id in range may be gone: then a 404.
        return random.randint(1, CUSTOMERS)

    def invoice(self) -> int:
        return random.randint(1, CUSTOMERS * 2)

    @task(6)
    def customer_list(self):
        self.client.get("/admin/customers", name="customer list")

    @task(4)
    def search(self):
        self.client.get(f"/admin/customers?q=Load+{random.randint(1, 300)}", name="customer search")

    @task(2)
    def create_customer(self):
        self.submit("/admin/customers/new",
                    {"company": f"Bench New {random.randint(1, 10**9)}", "city": "Nantes"},
                    "customer create")  # fmt: skip

    @task(2)
    def edit_customer(self):
        cid = self.customer()
        with self.client.get(f"/admin/customers/{cid}", name="customer page",
                             catch_response=True) as page:  # fmt: skip
            if page.status_code == 404:
                page.success()
                return
        fields = form_with(page.text, "company") if page.ok else None
        if fields:
            fields["city"] = f"City {random.randint(1, 999)}"
            with self.client.post(f"/admin/customers/{cid}", data=fields, name="customer edit",
                                  catch_response=True) as answer:  # fmt: skip
                if answer.status_code in (409, 422):
                    answer.success()

    @task(2)
    def create_invoice(self):
        today = datetime.date.today()
        self.submit(f"/admin/invoices/new?customer={self.customer()}",
                    {"issue_date": today.isoformat(),
                     "due_date": (today + datetime.timedelta(days=30)).isoformat(),
                     "items-0-description": "Bench work", "items-0-quantity": "2",
                     "items-0-rate": "150"},
                    "invoice create", field="issue_date")  # fmt: skip

    @task(2)
    def payment(self):
        invoice = self.invoice()  # the form is on the invoice page
        self.submit(f"/admin/invoices/{invoice}/payments",
                    {"amount": "1", "paid_on": datetime.date.today().isoformat()},
                    "payment record", page_url=f"/admin/invoices/{invoice}",
                    action="/payments")  # fmt: skip

    @task(2)
    def invoice_pdf(self):
        with self.client.get(f"/admin/invoices/{self.invoice()}/pdf", name="invoice pdf (staff)",
                             catch_response=True) as answer:  # fmt: skip
            if answer.status_code == 404:
                answer.success()


class ContactUser(Base):
    weight = 3

    def sign_in(self) -> bool:
        self.invoices = []
        number = random.randint(1, CUSTOMERS)
        fields = {"email": f"load-contact{number}@bench.example", "password": CONTACT_PASSWORD}
        return self.signed_in("/clients/login", fields, "portal login")

    @task(5)
    def invoices_list(self):
        page = self.client.get("/clients/invoices", name="portal invoices")
        self.invoices = [int(i) for i in re.findall(r'/clients/invoices/(\d+)"', page.text)]

    @task(3)
    def invoice_page(self):
        if self.invoices:
            self.client.get(f"/clients/invoices/{random.choice(self.invoices)}",
                            name="portal invoice")  # fmt: skip

    @task(2)
    def invoice_pdf(self):
        if self.invoices:
            self.client.get(f"/clients/invoices/{random.choice(self.invoices)}/pdf",
                            name="invoice pdf (portal)")  # fmt: skip

    @task(1)
    def open_ticket(self):
        self.submit("/clients/tickets/new",
                    {"subject": f"Bench question {random.randint(1, 10**6)}",
                     "body": "Hello, a question from the load test."},
                    "ticket create")  # fmt: skip
