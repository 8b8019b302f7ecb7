"""Converting an estimate into an invoice (or a proposal into an estimate) copies the values of
the fields both kinds have with the same key and type; others stay behind."""

from sqlalchemy import select

from app.extensions import db
from app.models import CustomFieldValue, Document
from tests.factories import make_admin, make_custom_field, make_customer, make_document


def value(entity, record_id, field_id):
    rows = db.session.scalars(select(CustomFieldValue).where(
        CustomFieldValue.entity_type == entity, CustomFieldValue.record_id == record_id,
        CustomFieldValue.field_id == field_id))  # fmt: skip
    return sorted((r.value_text, r.value_number) for r in rows)


def test_an_estimates_invoice_takes_the_values_of_the_same_fields(client, ctx, login_as):
    login_as(make_admin())
    tiers = [("gold", "Gold"), ("silver", "Silver"), ("bronze", "Bronze")]
    est = {key: make_custom_field(key, kind, entity="estimate", choices=choices)
           for key, kind, choices in (("po", "text", ()), ("tier", "choices", tiers),
                                      ("margin", "number", ()))}  # fmt: skip
    inv = {"po": make_custom_field("po", "text", entity="invoice", labels={"en": "PO"}),
           "tier": make_custom_field("tier", "choices", entity="invoice", choices=tiers[:2]),
           "margin": make_custom_field("margin", "text", entity="invoice")}  # fmt: skip
    estimate = make_document(make_customer(), kind="estimate", status="sent")
    rows = [("po", {"value_text": "PO-9"}), ("tier", {"value_text": "gold"}),
            ("tier", {"value_text": "bronze"}), ("margin", {"value_number": 12})]  # fmt: skip
    for key, stored in rows:
        db.session.add(CustomFieldValue(entity_type="estimate", record_id=estimate.id,
                                        field_id=est[key].id, **stored))  # fmt: skip
    db.session.commit()
    url = f"/admin/estimates/{estimate.id}/convert"
    assert client.post_form(url, {"to": "invoice"}, token_from="/admin/").status_code == 303
    invoice = db.session.scalars(select(Document).where(Document.kind == "invoice")).one()
    assert value("invoice", invoice.id, inv["po"].id) == [("PO-9", None)]
    assert value("invoice", invoice.id, inv["tier"].id) == [("gold", None)]  # bronze: not offered
    assert value("invoice", invoice.id, inv["margin"].id) == []  # a number is no text
    assert value("estimate", estimate.id, est["po"].id) == [("PO-9", None)]  # the estimate keeps
    page = client.get(f"/admin/invoices/{invoice.id}").get_data(as_text=True)
    assert "<dt>PO</dt><dd>PO-9</dd>" in page


def test_a_proposals_estimate_takes_them_too(client, ctx, login_as):
    login_as(make_admin())
    source = make_custom_field("po", "text", entity="proposal")
    target = make_custom_field("po", "text", entity="estimate")
    proposal = make_document(make_customer(), kind="proposal", status="sent")
    db.session.add(CustomFieldValue(entity_type="proposal", record_id=proposal.id,
                                    field_id=source.id, value_text="PO-1"))  # fmt: skip
    db.session.commit()
    url = f"/admin/proposals/{proposal.id}/convert"
    assert client.post_form(url, {"to": "estimate"}, token_from="/admin/").status_code == 303
    estimate = db.session.scalars(select(Document).where(Document.kind == "estimate")).one()
    assert value("estimate", estimate.id, target.id) == [("PO-1", None)]
