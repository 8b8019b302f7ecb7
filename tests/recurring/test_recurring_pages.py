"""The recurring invoice pages: list, new/edit form (bad input refused beside the field), the
profile's page with the invoices it made, pause/resume/delete, the customer's tab, and the
invoice's link back; a "view own" member not on the customer gets 404."""

import html
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import Currency, Document, RecurringInvoice
from app.services.recurring.run import run_due
from tests.factories import make_admin, make_currency, make_customer, make_recurring, make_user

JAN_31 = date(2027, 1, 31)


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def form(customer, currency, **overrides) -> dict:
    data = {
        "customer_id": str(customer.id),
        "currency_id": str(currency.id),
        "language": "en",
        "interval_count": "2",
        "interval_unit": "month",
        "start_date": (date.today() + timedelta(days=1)).isoformat(),
        "end_type": "never",
        "mode": "draft",
        "items-0-description": "Monthly retainer",
        "items-0-quantity": "1",
        "items-0-rate": "1200",
        "discount_type": "none",
        "discount_value": "0",
        "discount_before_tax": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_create_then_see_it_listed_with_its_interval(app, client, login_as):
    with app.app_context():
        admin, customer, currency = make_admin(), make_customer(company="Atelier"), make_currency()
        data = form(customer, currency)
    login_as(admin)
    response = client.post_form("/admin/recurring-invoices/new", data, token_from="/admin/")
    assert response.status_code == 303, page_text(response)
    detail = page_text(client.get(response.headers["Location"]))
    assert "Every 2 months" in detail and "Monthly retainer" in detail
    listed = page_text(client.get("/admin/recurring-invoices"))
    assert "Atelier" in listed and "Every 2 months" in listed and "1,200.00" in listed
    tab = page_text(client.get(f"/admin/customers/{customer.id}/recurring-invoices"))
    assert "Every 2 months" in tab


def test_bad_input_is_refused_beside_the_field_and_nothing_is_saved(app, client, login_as):
    with app.app_context():
        admin, customer, currency = make_admin(), make_customer(), make_currency()
        base = form(customer, currency)
    login_as(admin)
    cases = [
        ({"interval_count": "0"}, "Enter a whole number from 1 to 365."),
        ({"interval_count": "1.5"}, "Enter a whole number from 1 to 365."),
        ({"end_type": "until", "until_date": "2020-01-01"}, "before the start date"),
        ({"end_type": "count", "max_count": "0"}, "Enter a whole number from 1 to 1000."),
        ({"first_date": date.today().isoformat()}, "This date is before the start date."),
        ({"items-0-description": None, "items-0-quantity": None, "items-0-rate": None},
         "This field is required."),
    ]  # fmt: skip
    for change, message in cases:
        response = client.post_form("/admin/recurring-invoices/new", {**base, **change},
                                    token_from="/admin/")  # fmt: skip
        assert response.status_code == 422, change
        assert message in page_text(response), change
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(RecurringInvoice)) == 0


def test_run_invoices_link_back_and_deleting_keeps_them(app, client, login_as):
    with app.app_context():
        admin, customer = make_admin(), make_customer()
        profile = make_recurring(customer, start_date=JAN_31, today=JAN_31)
        run_due(date(2027, 2, 28))
        invoice_id = db.session.scalar(select(Document.id).order_by(Document.id))
        profile_id = profile.id
    login_as(admin)
    detail = page_text(client.get(f"/admin/recurring-invoices/{profile_id}"))
    assert f"/admin/invoices/{invoice_id}" in detail
    assert "Mar 31, 2027" in detail  # the next invoice date
    invoice = page_text(client.get(f"/admin/invoices/{invoice_id}"))
    assert "Created from recurring invoice:" in invoice
    assert f"/admin/recurring-invoices/{profile_id}" in invoice
    response = client.post_form(f"/admin/recurring-invoices/{profile_id}/delete", {},
                                token_from="/admin/")  # fmt: skip
    assert response.status_code == 303
    assert "The invoices it made are kept." in page_text(client.get(response.headers["Location"]))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Document)) == 2
    assert client.get(f"/admin/recurring-invoices/{profile_id}").status_code == 404
    assert "Created from recurring invoice" not in page_text(
        client.get(f"/admin/invoices/{invoice_id}"))  # fmt: skip


def test_pause_and_resume(app, client, login_as):
    with app.app_context():
        admin = make_admin()
        profile_id = make_recurring(make_customer()).id
    login_as(admin)
    url = f"/admin/recurring-invoices/{profile_id}"
    assert client.post_form(f"{url}/pause", {}, token_from="/admin/").status_code == 303
    assert "Paused" in page_text(client.get(url))
    with app.app_context():
        assert run_due(date.today() + timedelta(days=70)).created == 0
    again = client.post_form(f"{url}/pause", {}, token_from="/admin/")
    assert "already paused" in page_text(client.get(again.headers["Location"]))
    assert client.post_form(f"{url}/resume", {}, token_from="/admin/").status_code == 303
    assert "Active" in page_text(client.get(url))


def test_edit_changes_the_profile(app, client, login_as):
    with app.app_context():
        admin, customer = make_admin(), make_customer()
        profile_id = make_recurring(customer).id
        currency = db.session.scalar(select(Currency).where(Currency.code == "EUR"))
        data = form(customer, currency, interval_unit="week", interval_count="1")
        data["start_date"] = date.today().isoformat()
    login_as(admin)
    assert client.get(f"/admin/recurring-invoices/{profile_id}/edit").status_code == 200
    response = client.post_form(f"/admin/recurring-invoices/{profile_id}/edit", data,
                                token_from="/admin/")  # fmt: skip
    assert response.status_code == 303, page_text(response)
    assert "Every week" in page_text(client.get(f"/admin/recurring-invoices/{profile_id}"))


def test_a_view_own_member_not_on_the_customer_gets_404(app, client, login_as):
    with app.app_context():
        member = make_user(role="sales")
        mine = make_customer(admins=[member])
        theirs = make_customer(company="Theirs")
        profile_id = make_recurring(theirs).id
        own_id = make_recurring(mine).id
    login_as(member)
    assert client.get(f"/admin/recurring-invoices/{profile_id}").status_code == 404
    assert client.get(f"/admin/recurring-invoices/{own_id}").status_code == 200
    listed = page_text(client.get("/admin/recurring-invoices"))
    assert "Theirs" not in listed


def test_the_new_form_posted_twice_saves_one_profile(app, client, login_as):
    import re
    import threading

    with app.app_context():
        admin, customer, currency = make_admin(), make_customer(), make_currency()
        data = form(customer, currency)
    login_as(admin)
    page = client.get(f"/admin/recurring-invoices/new?customer={customer.id}").get_data(True)
    data["form_key"] = re.search(r'name="form_key"[^>]*value="([0-9a-f]{32})"', page).group(1)
    first = client.post_form("/admin/recurring-invoices/new", data, token_from="/admin/")
    again = client.post_form("/admin/recurring-invoices/new", data, token_from="/admin/")
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    # Two at once (a double click while the first is on its way): still one.
    data["form_key"] = "b" * 32
    token = client.csrf_token("/admin/")
    barrier, codes = threading.Barrier(2), []

    def post():
        barrier.wait(10)
        codes.append(client.post("/admin/recurring-invoices/new",
                                 data={**data, "csrf_token": token}).status_code)  # fmt: skip

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [303, 303]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(RecurringInvoice)) == 2


def test_the_page_names_the_profile_labels_its_cells_and_shows_tax_percent(app, client, login_as):
    from decimal import Decimal

    from app.models.sales import TaxRate
    from app.services.sales.service import ItemInput

    with app.app_context():
        admin, customer = make_admin(), make_customer(company="Boulangerie Martin")
        vat = TaxRate(name="VAT", percent=Decimal("20"))
        db.session.add(vat)
        db.session.commit()
        line = ItemInput("Retainer", Decimal("1"), Decimal("1000"), tax_ids=[vat.id])
        profile = make_recurring(customer, lines=[line], start_date=JAN_31, today=JAN_31)
        run_due(date(2027, 1, 31))
        profile_id = profile.id
    login_as(admin)
    page = page_text(client.get(f"/admin/recurring-invoices/{profile_id}"))
    assert "<title>Recurring invoice — Boulangerie Martin · Every month" in page
    assert "VAT 20 %" in page
    assert 'class="details recurring-summary"' in page
    for label in ("Item", "Quantity", "Rate", "Taxes", "Number", "Total", "Status"):
        assert f'data-label="{label}"' in page


def test_every_sales_list_has_the_same_button_bar(app, client, login_as):
    import re

    with app.app_context():
        admin = make_admin()
    login_as(admin)
    names = ["Invoices", "Credit notes", "Recurring invoices", "Estimates", "Proposals"]
    lists = {
        "/admin/invoices": "Invoices",
        "/admin/credit-notes": "Credit notes",
        "/admin/recurring-invoices": "Recurring invoices",
        "/admin/estimates": "Estimates",
        "/admin/proposals": "Proposals",
    }
    for url, current in lists.items():
        page = page_text(client.get(url))
        actions = page[page.index('class="page-actions"') :]
        buttons = re.findall(
            r'<a class="button( button-active)?" href="[^"]+"[^>]*>([^<]+)</a>', actions
        )
        assert [label for _, label in buttons[:5]] == names, url
        assert [label for active, label in buttons[:5] if active] == [current], url


def test_a_running_retainer_starts_in_the_past_without_back_dated_invoices(app, client, login_as):
    with app.app_context():
        admin, customer, currency = make_admin(), make_customer(), make_currency()
        base = form(customer, currency, interval_count="1", interval_unit="week")
    login_as(admin)
    start, today = date.today() - timedelta(days=45), date.today()
    response = client.post_form("/admin/recurring-invoices/new",
                                {**base, "start_date": start.isoformat()},
                                token_from="/admin/")  # fmt: skip
    assert response.status_code in (200, 303), page_text(response)
    with app.app_context():
        profile = db.session.scalar(select(RecurringInvoice))
        assert profile.start_date == start
        assert today <= profile.next_date < today + timedelta(days=7)
        assert (profile.next_date - start).days % 7 == 0  # still on the schedule from the start
        run_due(today + timedelta(days=6))
        dates = db.session.scalars(select(Document.issue_date)).all()
        assert len(dates) == 1 and dates[0] >= today  # nothing back-dated


def test_a_first_invoice_date_in_the_past_makes_the_invoices_since_then(app, client, login_as):
    with app.app_context():
        admin, customer, currency = make_admin(), make_customer(), make_currency()
        base = form(customer, currency, interval_count="1", interval_unit="week")
    login_as(admin)
    start = date.today() - timedelta(days=45)
    data = {**base, "start_date": start.isoformat(),
            "first_date": (start + timedelta(days=20)).isoformat()}  # fmt: skip
    response = client.post_form("/admin/recurring-invoices/new", data, token_from="/admin/")
    assert response.status_code in (200, 303), page_text(response)
    with app.app_context():
        assert db.session.scalar(select(RecurringInvoice.next_date)) == start + timedelta(days=21)
        run_due(date.today())
        dates = sorted(db.session.scalars(select(Document.issue_date)))
        assert dates == [start + timedelta(days=d) for d in (21, 28, 35, 42)]


def test_a_form_without_its_interval_count_repeats_every_one_unit(app, client, login_as):
    """A crafted post that leaves out the count takes the field's default (1), never a 500."""
    with app.app_context():
        admin, customer, currency = make_admin(), make_customer(), make_currency()
        base = form(customer, currency)
    login_as(admin)
    response = client.post_form("/admin/recurring-invoices/new", {**base, "interval_count": None},
                                token_from="/admin/")  # fmt: skip
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(RecurringInvoice.interval_count)) == 1
