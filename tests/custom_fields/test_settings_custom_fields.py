"""Settings → Custom fields: an administrator adds, changes and deletes fields; labels and
choices per language (falling back to the default); a choice keeps its values when renamed;
deleting a field with values asks first."""

import html

from sqlalchemy import func, select

from app.extensions import db
from app.models import CustomFieldChoice, CustomFieldDefinition, CustomFieldValue
from tests.factories import make_admin, make_custom_field, make_customer

NEW = "/admin/settings/custom-fields/new"
HX = {"HX-Request": "true"}


def new_field(**extra) -> dict:
    return {"entity_type": "customer", "field_type": "choice", "label_en": "Contract tier",
            "choices_en": "Gold\nSilver", "section": "details", "position": "1",
            "in_lists": "y", "active": "y", **extra}  # fmt: skip


def test_an_administrator_adds_a_choice_field_with_translations(client, ctx, login_as):
    login_as(make_admin())
    data = new_field(label_fr="Niveau de contrat", choices_fr="gold = Or")
    response = client.post_form(NEW, data, token_from=NEW)
    assert response.status_code == 303
    field = db.session.scalar(select(CustomFieldDefinition))
    assert (field.key, field.field_type, field.in_lists) == ("contract_tier", "choice", True)
    assert field.labels == {"en": "Contract tier", "fr": "Niveau de contrat"}
    assert [(c.key, c.labels) for c in field.choices] == [
        ("gold", {"en": "Gold", "fr": "Or"}), ("silver", {"en": "Silver"})]  # fmt: skip
    page = client.get("/admin/settings/custom-fields").get_data(as_text=True)
    assert "Contract tier" in page and "contract_tier" in page


def test_labels_fall_back_to_the_default_language(client, ctx, login_as):
    login_as(make_admin(language="fr"))
    make_custom_field(
        "tier",
        "choice",
        labels={"en": "Tier", "fr": "Niveau"},
        choices=[("gold", {"en": "Gold", "fr": "Or"}), ("silver", "Silver")],
    )
    make_custom_field("code", "text", labels={"en": "Internal code"})
    customer = make_customer()
    page = html.unescape(client.get(f"/admin/customers/{customer.id}").get_data(as_text=True))
    assert "Niveau" in page and ">Or<" in page and ">Silver<" in page and "Internal code" in page


def test_renaming_a_choice_keeps_its_values(client, ctx, login_as):
    login_as(make_admin())
    field = make_custom_field("tier", "choice", choices=[("gold", "Gold"), ("silver", "Silver")])
    customer = make_customer()
    db.session.add(CustomFieldValue(entity_type="customer", record_id=customer.id,
                                    field_id=field.id, value_text="gold"))  # fmt: skip
    db.session.commit()
    url = f"/admin/settings/custom-fields/{field.id}"
    assert "gold = Gold" in client.get(url).get_data(as_text=True)
    data = {"label_en": "Tier", "choices_en": "gold = Premium\nsilver = Silver",
            "section": "details", "active": "y"}  # fmt: skip
    assert client.post_form(url, data, token_from=url).status_code == 303
    db.session.expire_all()
    assert [c.labels["en"] for c in field.choices] == ["Premium", "Silver"]
    assert db.session.scalar(select(CustomFieldValue.value_text)) == "gold"
    page = client.get(f"/admin/customers/{customer.id}").get_data(as_text=True)
    assert 'value="gold" selected' in page or 'selected value="gold"' in page


def test_bad_definitions_are_refused_beside_the_field(client, ctx, login_as):
    login_as(make_admin())
    make_custom_field("tier")
    for data, name, message in (
        (new_field(label_en=""), "label_en", "Enter the label."),
        (new_field(key="Bad Key"), "key", "lower-case letters"),
        (new_field(key="tier"), "key", "already uses this key"),
        (new_field(choices_en=""), "choices_en", "at least one choice"),
        (new_field(choices_en="a = A\na = B"), "choices_en", "is used twice"),
        (new_field(choices_fr="nope = Non"), "choices_fr", "key from the choices"),
        (new_field(choices_fr="gold = " + "x" * 101), "choices_fr", "at most 100 characters"),
        (new_field(choices_en="Gold\tbar"), "choices_en", ""),
        (new_field(field_type="colour"), "field_type", ""),
        (new_field(position="-3"), "position", ""),
    ):
        response = client.post_form(NEW, data, token_from=NEW)
        assert response.status_code == 422, data
        body = html.unescape(response.get_data(as_text=True))
        assert f'id="{name}-error"' in body and message in body, (name, body[-3000:])
    assert db.session.scalar(select(func.count()).select_from(CustomFieldDefinition)) == 1


def test_deleting_a_field_with_values_asks_first_then_takes_its_values(client, ctx, login_as):
    login_as(make_admin())
    field = make_custom_field("tier", "choice", choices=[("gold", "Gold")])
    for customer in (make_customer(), make_customer()):
        db.session.add(CustomFieldValue(entity_type="customer", record_id=customer.id,
                                        field_id=field.id, value_text="gold"))  # fmt: skip
    db.session.commit()
    url = f"/admin/settings/custom-fields/{field.id}/delete"
    page = client.get(url).get_data(as_text=True)
    assert "2 records hold a value of this field" in page
    assert client.post_form(url, {}, token_from=url).status_code == 303
    for model in (CustomFieldDefinition, CustomFieldChoice, CustomFieldValue):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0
