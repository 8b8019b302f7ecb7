"""A customer's or contact's on/off state: one word for it on every page, in the staff language,
and the customer list's empty states."""

from tests.factories import make_contact, make_customer, make_project, make_user


def test_inactive_customer_and_contact_say_so_in_french(client, ctx, login_as):
    login_as(make_user(language="fr"))
    customer = make_customer(company="Dormant", active=False)
    make_contact(customer, active=False)
    listing = client.get("/admin/customers").get_data(as_text=True)
    assert '<span class="switch-text">Inactif</span>' in listing
    assert '<option value="0">Inactif</option>' in listing
    contacts = client.get(f"/admin/customers/{customer.id}/contacts").get_data(as_text=True)
    assert contacts.count('<span class="badge badge-muted">Inactif</span>') == 2  # header, row
    export = client.get("/admin/customers/export.csv").get_data(as_text=True)
    assert "Actif" in export.splitlines()[0]


def test_an_overdue_deadline_is_marked_in_spanish(client, ctx, login_as):
    from datetime import date, timedelta

    login_as(make_user(language="es"))
    project = make_project(deadline=date.today() - timedelta(days=3))
    page = client.get(f"/admin/projects/{project.id}").get_data(as_text=True)
    assert "· Vencida</span>" in page


def test_the_empty_customer_list_offers_a_new_customer_unless_filtered(client, ctx, login_as):
    login_as(make_user())
    empty = client.get("/admin/customers").get_data(as_text=True)
    assert "No customers yet." in empty and 'href="/admin/customers/new"' in empty
    filtered = client.get("/admin/customers?q=nobody").get_data(as_text=True)
    assert "No customer matches these filters." in filtered
    assert 'hx-trigger="customerCreated from:body"' in filtered
