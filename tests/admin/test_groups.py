"""Customer groups: list with counts, create, rename, delete (customers stay)."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Customer, CustomerGroup
from tests.factories import make_customer, make_group, make_user

URL = "/admin/customers/groups"


@pytest.fixture
def staff(client, ctx, login_as):
    login_as(make_user())


def test_list_with_counts(client, staff):
    vip = make_group(name="VIP")
    make_customer(groups=[vip])
    make_customer(groups=[vip])
    make_group(name="Empty")
    body = client.get(URL).get_data(as_text=True)
    assert "VIP" in body and "Empty" in body
    assert f'href="/admin/customers?group={vip.id}"' in body


def test_create_and_refuse_duplicates_ignoring_case(client, staff):
    assert client.post_form(URL, {"name": "Wholesale"}, token_from=URL).status_code == 303
    again = client.post_form(URL, {"name": "WHOLESALE"}, token_from=URL)
    assert again.status_code == 422
    assert "A group with this name already exists." in again.get_data(as_text=True)
    assert client.post_form(URL, {"name": ""}, token_from=URL).status_code == 422
    assert client.post_form(URL, {"name": "x" * 101}, token_from=URL).status_code == 422
    assert len(db.session.scalars(select(CustomerGroup)).all()) == 1


def test_rename(client, staff):
    group, other = make_group(name="Old"), make_group(name="Taken")
    url = f"{URL}/{group.id}/rename"
    assert client.get(url).status_code == 200
    assert client.post_form(url, {"name": "taken"}, token_from=url).status_code == 422
    assert client.post_form(url, {"name": "New"}, token_from=url).status_code == 303
    db.session.expire_all()
    assert db.session.get(CustomerGroup, group.id).name == "New"
    assert other.id


def test_delete_keeps_the_customers(client, staff):
    group = make_group(name="Gone")
    customer, group_id = make_customer(groups=[group]), group.id
    assert client.post_form(f"{URL}/{group_id}/delete", {}, token_from=URL).status_code == 303
    db.session.expire_all()
    assert db.session.get(CustomerGroup, group_id) is None
    kept = db.session.get(Customer, customer.id)
    assert kept is not None and kept.groups == []


def test_unknown_group_is_a_404(client, staff):
    assert client.get(f"{URL}/999/rename").status_code == 404
    token = client.csrf_token(URL)
    assert client.post(f"{URL}/999/delete", data={"csrf_token": token}).status_code == 404
