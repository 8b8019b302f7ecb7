"""Customer profile edits: optimistic locking, currency lock, activation, deletion, activity."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivityLog, Contact, Customer
from app.services.customers import hooks
from tests.factories import make_contact, make_currency, make_customer, make_user


@pytest.fixture
def staff(client, ctx, login_as):
    user = make_user(name="Sam Sales")
    login_as(user)
    return user


def profile(customer, **overrides) -> dict:
    """The profile form of `customer` as the page shows it, with some fields changed."""
    data = {
        "company": customer.company,
        "country": customer.country or "",
        "currency": str(customer.currency_id or ""),
        "language": customer.language or "",
        "version": str(customer.version),
    }
    data.update(overrides)
    return data


def save(client, customer_id, data):
    url = f"/admin/customers/{customer_id}"
    return client.post_form(url, data, token_from=url)


@pytest.fixture
def with_transactions():
    """Pretend some customers have invoices, the way later modules register their checks."""
    ids: set[int] = set()

    def source(customer_id: int) -> bool:
        return customer_id in ids

    hooks.TRANSACTION_SOURCES.append(source)
    yield ids
    hooks.TRANSACTION_SOURCES.remove(source)


def test_profile_edit_saves_and_is_logged(client, staff):
    customer = make_customer(company="Old Name", country="FR")
    response = save(client, customer.id, profile(customer, company="New Name", city="Nantes"))
    assert response.status_code == 303
    db.session.expire_all()
    saved = db.session.get(Customer, customer.id)
    assert (saved.company, saved.city, saved.version) == ("New Name", "Nantes", 2)
    entry = db.session.scalars(select(ActivityLog)).one()
    assert entry.action == "customer.updated" and entry.user_id == staff.id
    assert entry.changes["company"] == ["Old Name", "New Name"]
    page = client.get(f"/admin/customers/{customer.id}/activity").get_data(as_text=True)
    assert "Sam Sales" in page and "Old Name" in page and "New Name" in page


def test_second_editor_is_told_and_shown_the_first_editors_change(client, staff, app, login_as):
    customer = make_customer(company="Acme", country="FR")
    stale_form = profile(customer)  # both opened version 1
    first = save(client, customer.id, profile(customer, company="Acme Renamed"))
    assert first.status_code == 303
    second = save(client, customer.id, dict(stale_form, city="Lille"))
    assert second.status_code == 409
    body = second.get_data(as_text=True)
    assert "Someone else saved this customer while you were editing it." in body
    assert "Acme Renamed" in body and "Sam Sales" in body
    assert 'value="Lille"' in body  # the second editor's input is kept
    assert 'name="version" type="hidden" value="2"' in body
    db.session.expire_all()
    saved = db.session.get(Customer, customer.id)
    assert (saved.company, saved.city) == ("Acme Renamed", None)
    # Saving again, knowingly, goes through.
    again = save(client, customer.id, dict(stale_form, city="Lille", version="2"))
    assert again.status_code == 303
    db.session.expire_all()
    assert db.session.get(Customer, customer.id).city == "Lille"


def test_a_missing_or_forged_version_is_a_conflict(client, staff):
    customer = make_customer(company="Acme")
    assert save(client, customer.id, profile(customer, version="abc")).status_code == 409
    assert save(client, customer.id, profile(customer, version="")).status_code == 409


def test_currency_can_change_without_transactions(client, staff):
    eur, usd = make_currency("EUR"), make_currency("USD", symbol="$")
    customer = make_customer(company="Acme", currency_id=eur.id)
    assert save(client, customer.id, profile(customer, currency=str(usd.id))).status_code == 303


def test_currency_is_locked_once_the_customer_has_transactions(client, staff, with_transactions):
    eur, usd = make_currency("EUR"), make_currency("USD", symbol="$")
    customer = make_customer(company="Acme", currency_id=eur.id)
    with_transactions.add(customer.id)
    page = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert "Locked: this customer has transactions" in page
    refused = save(client, customer.id, profile(customer, currency=str(usd.id)))
    assert refused.status_code == 422
    assert "The currency cannot change: this customer has transactions." in refused.get_data(
        as_text=True
    )
    to_default = save(client, customer.id, profile(customer, currency=""))
    assert to_default.status_code == 422
    db.session.expire_all()
    assert db.session.get(Customer, customer.id).currency_id == eur.id
    # Other fields still save.
    assert save(client, customer.id, profile(customer, city="Brest")).status_code == 303


def test_delete_removes_the_customer_and_its_contacts(client, staff):
    customer = make_customer(company="Gone Ltd")
    make_contact(customer)
    url = f"/admin/customers/{customer.id}/delete"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Delete Gone Ltd?" in confirm.get_data(as_text=True)
    response = client.post_form(url, {}, token_from=url)
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 0
    assert db.session.scalar(select(func.count()).select_from(Contact)) == 0


def test_a_customer_with_transactions_cannot_be_deleted(client, staff, with_transactions):
    customer = make_customer(company="Kept Ltd")
    with_transactions.add(customer.id)
    url = f"/admin/customers/{customer.id}/delete"
    assert "cannot be deleted" in client.get(url).get_data(as_text=True)
    response = client.post_form(url, {}, token_from=url)
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Customer, customer.id) is not None


def test_active_switch_in_place(client, staff):
    customer = make_customer(company="Acme")
    token = client.csrf_token("/admin/customers")
    response = client.post(
        f"/admin/customers/{customer.id}/active",
        data={"csrf_token": token, "active": "0"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<form class="active-switch"')
    assert 'aria-checked="false"' in body
    db.session.expire_all()
    assert not db.session.get(Customer, customer.id).active
    plain = client.post(
        f"/admin/customers/{customer.id}/active",
        data={"csrf_token": token, "active": "1", "next": "//evil.example"},
    )
    assert (
        plain.status_code == 303 and plain.headers["Location"] == f"/admin/customers/{customer.id}"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/admin/customers/999",
        "/admin/customers/999/contacts",
        "/admin/customers/999/activity",
        "/admin/customers/999/delete",
        "/admin/customers/999/contacts/new",
    ],
)
def test_unknown_customer_is_a_404(client, staff, path):
    assert client.get(path).status_code == 404


def test_one_save_is_one_version_even_with_groups_and_currency(client, staff):
    from tests.factories import make_group

    eur, vip = make_currency("EUR"), make_group(name="VIP")
    customer = make_customer(company="Acme")
    data = profile(
        customer, currency=str(eur.id), groups=[str(vip.id)], new_group="Retail", city="Caen"
    )
    assert save(client, customer.id, data).status_code == 303
    db.session.expire_all()
    saved = db.session.get(Customer, customer.id)
    assert saved.version == 2
    assert sorted(g.name for g in saved.groups) == ["Retail", "VIP"]
    entry = db.session.scalars(select(ActivityLog)).one()
    assert entry.version == 2 and entry.changes["groups"] == ["", "Retail, VIP"]
