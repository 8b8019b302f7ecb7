"""Customer admins: staff assigned on creation and edit, shown, logged, filtered, checked."""

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivityLog, Customer, CustomerAdmin
from tests.factories import make_customer, make_user
from tests.factories import new_customer_form as form_data

NEW = "/admin/customers/new"


@pytest.fixture
def staff(client, ctx, login_as):
    user = make_user(name="Sam Sales")
    login_as(user)
    return user


def admins_of(customer_id: int) -> list[str]:
    db.session.expire_all()
    return sorted(u.name for u in db.session.get(Customer, customer_id).admins)


def profile(customer, **overrides) -> dict:
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


def assign(customer, *users):
    for user in users:
        db.session.add(CustomerAdmin(customer_id=customer.id, user_id=user.id))
    db.session.commit()


def test_new_customer_form_offers_active_staff_and_assigns_them(client, staff):
    ana = make_user(name="Ana Account")
    gone = make_user(name="Gone Guy", active=False)
    page = client.get(NEW).get_data(as_text=True)
    assert "Customer admins" in page and "Ana Account" in page and "Gone Guy" not in page
    response = client.post_form(NEW, form_data(admins=[str(ana.id), str(staff.id)]), token_from=NEW)
    assert response.status_code == 303
    customer = db.session.scalars(select(Customer)).one()
    assert admins_of(customer.id) == ["Ana Account", "Sam Sales"]
    link = db.session.get(CustomerAdmin, (customer.id, ana.id))
    assert link.assigned_by_id == staff.id and link.assigned_at is not None
    assert gone.id not in [u.id for u in customer.admins]


def test_edit_changes_admins_shows_them_and_logs_it(client, staff):
    ana, bob = make_user(name="Ana Account"), make_user(name="Bob Books")
    customer = make_customer(company="Acme", country="FR")
    assign(customer, ana)
    page = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert 'class="customer-admins"' in page and "Ana Account" in page
    response = save(client, customer.id, profile(customer, admins=[str(bob.id)]))
    assert response.status_code == 303
    assert admins_of(customer.id) == ["Bob Books"]
    entry = db.session.scalars(select(ActivityLog)).one()
    assert entry.changes["admins"] == ["Ana Account", "Bob Books"]
    activity = client.get(f"/admin/customers/{customer.id}/activity").get_data(as_text=True)
    assert "Customer admins" in activity and "Bob Books" in activity
    header = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert "Bob Books" in header.split('class="customer-admins"')[1].split("</li>")[0]


def test_deactivated_admin_stays_listed_and_kept_but_is_not_offered_elsewhere(client, staff):
    gone = make_user(name="Gone Guy")
    customer = make_customer(company="Acme", country="FR")
    assign(customer, gone)
    gone.active = False
    db.session.commit()
    page = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    header = page.split('class="customer-admins"')[1].split("</li>")[0]
    assert "Gone Guy" in header and "Inactive" in header
    assert "Gone Guy (inactive)" in page  # still ticked in the form, marked
    # Saving the profile with him still ticked keeps him.
    response = save(client, customer.id, profile(customer, admins=[str(gone.id)], city="Lyon"))
    assert response.status_code == 303
    assert admins_of(customer.id) == ["Gone Guy"]
    # Another customer cannot be given him.
    other = make_customer(company="Other", country="FR")
    assert "Gone Guy" not in client.get(NEW).get_data(as_text=True)
    refused = save(client, other.id, profile(other, admins=[str(gone.id)]))
    assert refused.status_code == 422
    assert admins_of(other.id) == []


@pytest.mark.parametrize("bad", ["999999", "abc", "-1"])
def test_unknown_admin_is_refused_beside_the_field_and_nothing_saved(client, staff, bad):
    response = client.post_form(NEW, form_data(admins=[bad]), token_from=NEW)
    assert response.status_code == 422
    errors = re.findall(r'id="admins[^"]*error[^"]*"[^>]*>([^<]+)', response.get_data(as_text=True))
    assert errors and ("not a valid choice" in errors[0] or "Invalid choice" in errors[0])
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 0
    assert db.session.scalar(select(func.count()).select_from(CustomerAdmin)) == 0


def test_inactive_staff_refused_on_create(client, staff):
    gone = make_user(name="Gone Guy", active=False)
    response = client.post_form(NEW, form_data(admins=[str(gone.id)]), token_from=NEW)
    assert response.status_code == 422
    assert re.search(r'id="admins[^"]*error', response.get_data(as_text=True))
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 0


def test_service_refuses_inactive_and_unknown_ids(ctx):
    from app.services import FormErrors
    from app.services.customers.cleaning import clean_customer

    gone = make_user(name="Gone Guy", active=False)
    for ids in ([gone.id], [123456]):
        with pytest.raises(FormErrors) as exc:
            clean_customer({"company": "Acme", "admins": ids})
        assert exc.value.errors["admins"] == ["Choose customer admins from the list."]


def test_list_filters_by_me_and_by_member(client, staff):
    ana = make_user(name="Ana Account")
    mine = make_customer(company="Mine Ltd")
    hers = make_customer(company="Hers Ltd")
    make_customer(company="Nobody Ltd")
    assign(mine, staff)
    assign(hers, ana)
    body = client.get("/admin/customers?admin=me").get_data(as_text=True)
    assert "Mine Ltd" in body and "Hers Ltd" not in body and "Nobody Ltd" not in body
    assert '<option value="me" selected>' in body
    body = client.get(f"/admin/customers?admin={ana.id}").get_data(as_text=True)
    assert "Hers Ltd" in body and "Mine Ltd" not in body
    assert f'<option value="{ana.id}" selected>Ana Account</option>' in body
    # The export follows the filter, and htmx keeps it in the address bar.
    csv = client.get("/admin/customers/export.csv?admin=me").get_data(as_text=True)
    assert "Mine Ltd" in csv and "Hers Ltd" not in csv
    pushed = client.get("/admin/customers?admin=me", headers={"HX-Request": "true"})
    assert "admin=me" in pushed.headers["HX-Push-Url"]
    # Nonsense is ignored.
    body = client.get("/admin/customers?admin=zzz").get_data(as_text=True)
    assert "Mine Ltd" in body and "Nobody Ltd" in body


@pytest.mark.parametrize(
    "language,words",
    [
        ("en", ["Customer admins", "Customer admin", "Anyone", "Me"]),
        ("fr", ["Responsables du client", "Responsable du client", "Tout le monde", "Moi"]),
        ("de", ["Kundenbetreuer", "Alle", "Ich"]),
        ("es", ["Responsables del cliente", "Responsable del cliente", "Cualquiera", "Yo"]),
    ],
)
def test_words_in_each_language(client, ctx, login_as, language, words):
    user = make_user(name="Ana Account", language=language)
    login_as(user)
    customer = make_customer(company="Acme")
    assign(customer, user)
    pages = "".join(
        client.get(url).get_data(as_text=True)
        for url in (NEW, "/admin/customers", f"/admin/customers/{customer.id}")
    )
    for word in words:
        assert word in pages, (language, word)
