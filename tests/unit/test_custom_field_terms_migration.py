"""Migration 0039: text values that exist get their words (as the app writes them), so the list's
text filter finds them at once; downgrading drops the words only."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from app.extensions import db
from app.models import CustomFieldTerm
from app.services.custom_fields.terms import value_terms
from tests.factories import make_admin, make_custom_field, make_customer

TEXTS = ["Genève Lac-Léman", "ÉCOLE https://www.Example.com/Über_uns", "Straße 50%"]


def test_existing_values_get_the_words_the_app_would_write(app, ctx, client, login_as):
    code = make_custom_field("code", "long_text", in_lists=True)
    seats = make_custom_field("seats", "number")
    customers = [make_customer(company=f"C{n}") for n in range(len(TEXTS))]
    ids = [c.id for c in customers]
    code_id, seats_id = code.id, seats.id
    db.session.commit()
    db.session.remove()
    downgrade(revision="0037_custom_fields")
    try:
        with db.engine.begin() as conn:
            for customer_id, value in zip(ids, TEXTS, strict=True):
                conn.execute(
                    text("INSERT INTO custom_field_values (entity_type, record_id, field_id,"
                         " value_text) VALUES ('customer', :r, :f, :t)"),
                    {"r": customer_id, "f": code_id, "t": value},
                )  # fmt: skip
            conn.execute(
                text("INSERT INTO custom_field_values (entity_type, record_id, field_id,"
                     " value_number) VALUES ('customer', :r, :f, 12)"),
                {"r": ids[0], "f": seats_id},
            )  # fmt: skip
    finally:
        upgrade()
    rows = db.session.execute(select(CustomFieldTerm.record_id, CustomFieldTerm.term)).all()
    for customer_id, value in zip(ids, TEXTS, strict=True):
        assert {t for r, t in rows if r == customer_id} == value_terms([value])
    assert {r[1] for r in rows} >= {"geneve", "leman", "ecole", "uber", "strasse"}
    login_as(make_admin())
    page = client.get("/admin/customers?cf_code=lac").get_data(as_text=True)
    assert ">C0<" in page and ">C1<" not in page
