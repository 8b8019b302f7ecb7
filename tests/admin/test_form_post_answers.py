"""Every form post answers the same way: refused, 422 with the errors beside their fields and
nothing written; saved, a 303 for a browser or HX-Redirect for htmx, and its message."""

import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Currency, CustomerGroup, Department, TaxRate
from tests.factories import make_admin, make_currency, make_group

HX = {"HX-Request": "true"}

# (page that shows and takes the form, a refused post, the field refused, a good post, table)
FORMS = [
    ("/admin/settings/taxes", {"name": "", "percent": "20"}, "name",
     {"name": "VAT", "percent": "20"}, TaxRate),
    ("/admin/settings/departments", {"name": ""}, "name", {"name": "Billing"}, Department),
    ("/admin/customers/groups", {"name": ""}, "name", {"name": "Wholesale"}, CustomerGroup),
]  # fmt: skip
MESSAGES = {TaxRate: "Tax added.", Department: "Department added.",
            CustomerGroup: "Group Wholesale created."}  # fmt: skip


@pytest.fixture
def admin(client, ctx, login_as):
    login_as(make_admin())


def rows(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def error_beside(body: str, field: str) -> str | None:
    """The error message shown under the field `field`, if any."""
    found = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', body)
    return found.group(1) if found else None


@pytest.mark.parametrize(("url", "refused", "field", "good", "model"), FORMS)
def test_a_refused_post_answers_422_beside_the_field_and_writes_nothing(
    client, admin, url, refused, field, good, model
):
    response = client.post_form(url, refused, token_from=url)
    assert response.status_code == 422
    assert error_beside(response.get_data(as_text=True), field)
    assert rows(model) == 0


@pytest.mark.parametrize(("url", "refused", "field", "good", "model"), FORMS)
def test_a_browser_post_answers_303_and_the_next_page_says_so(
    client, admin, url, refused, field, good, model
):
    response = client.post_form(url, good, token_from=url)
    assert response.status_code == 303
    assert response.headers["Location"] == url
    assert rows(model) == 1
    assert MESSAGES[model] in client.get(url).get_data(as_text=True)


@pytest.mark.parametrize(("url", "refused", "field", "good", "model"), FORMS)
def test_an_htmx_post_answers_hx_redirect(client, admin, url, refused, field, good, model):
    response = client.post_form(url, good, token_from=url, headers=HX)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == url
    assert "Location" not in response.headers
    assert rows(model) == 1


def test_a_refusal_of_the_view_lands_beside_its_field(client, admin):
    url = "/admin/settings/departments"
    assert client.post_form(url, {"name": "Billing"}, token_from=url).status_code == 303
    response = client.post_form(url, {"name": "BILLING"}, token_from=url)
    assert response.status_code == 422
    assert error_beside(response.get_data(as_text=True), "name") == (
        "A department with this name already exists."
    )
    assert rows(Department) == 1


def test_a_refusal_of_the_service_lands_beside_its_field(client, admin):
    make_group(name="VIP")
    url = "/admin/customers/groups"
    response = client.post_form(url, {"name": "vip"}, token_from=url, headers=HX)
    assert response.status_code == 422
    assert "HX-Redirect" not in response.headers
    body = response.get_data(as_text=True)
    assert error_beside(body, "name") == "A group with this name already exists."
    assert rows(CustomerGroup) == 1


def test_every_field_the_service_refuses_shows_at_once(client, admin):
    url = "/admin/settings/currencies"
    data = {"code": "XXQ", "symbol": "¤", "decimals": "2", "symbol_after": "after"}
    response = client.post_form(url, data, token_from=url)
    assert response.status_code == 422
    assert error_beside(response.get_data(as_text=True), "code")
    assert rows(Currency) == 0


def test_a_refused_action_is_flashed_and_goes_back_with_nothing_written(client, admin):
    currency = make_currency("EUR", is_default=True)
    url = "/admin/settings/currencies"
    response = client.post_form(f"{url}/{currency.id}/delete", {}, token_from=url)
    assert response.status_code == 303
    assert response.headers["Location"] == url
    assert "Choose another default currency first." in client.get(url).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Currency, currency.id) is not None


def test_an_action_answers_htmx_with_hx_redirect(client, admin):
    currency = make_currency("CHF", symbol="Fr")
    url = "/admin/settings/currencies"
    response = client.post_form(f"{url}/{currency.id}/delete", {}, token_from=url, headers=HX)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == url
    assert "Currency CHF deleted." in client.get(url).get_data(as_text=True)
    assert rows(Currency) == 0
