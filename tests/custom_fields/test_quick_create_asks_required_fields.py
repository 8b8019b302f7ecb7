"""Quick create asks the customer's required custom fields (the others stay for the full form):
a customer is never saved without a required value."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Customer, CustomFieldValue
from tests.factories import make_admin, make_custom_field

URL = "/admin/customers/quick"
HX = {"HX-Request": "true"}


def post(client, **fields):
    data = {"company": "Atelier Lumiere", "contact_first_name": "", "contact_last_name": "",
            "contact_email": "", **fields}  # fmt: skip
    return client.post_form(URL, data, token_from=URL, headers=HX)


def test_quick_create_asks_the_required_fields(client, ctx, login_as):
    login_as(make_admin())
    make_custom_field("tier", "choice", required=True, section="advanced",
                      choices=[("gold", "Gold"), ("silver", "Silver")],
                      labels={"en": "Contract tier"})  # fmt: skip
    make_custom_field("notes", "text", labels={"en": "Side notes"})
    page = client.get(URL, headers=HX).text
    assert "Contract tier" in page and "Side notes" not in page
    for bad in ("", "platinum"):
        response = post(client, cf_tier=bad)
        assert response.status_code == 422
        assert 'id="cf_tier-error"' in response.text
    assert db.session.scalar(select(func.count()).select_from(Customer)) == 0
    assert post(client, cf_tier="gold").status_code == 204
    customer = db.session.scalars(select(Customer)).one()
    row = db.session.scalars(select(CustomFieldValue)).one()
    assert (row.entity_type, row.record_id, row.value_text) == ("customer", customer.id, "gold")
