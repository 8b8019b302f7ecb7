"""Two people saving a record's custom values at the same moment: one value each field,
never doubled or mixed (the customer's version refuses the second; a contact's row lock
orders them); on SQLite and PostgreSQL."""

from sqlalchemy import select

from app.extensions import db
from app.models import CustomFieldValue
from tests.factories import make_contact, make_custom_field, make_customer
from tests.sales.test_invoice_actions_at_once import _at_once, _browsers


def stored(entity: str, record_id: int) -> list:
    db.session.expire_all()
    query = select(CustomFieldValue.value_text).where(
        CustomFieldValue.entity_type == entity, CustomFieldValue.record_id == record_id
    )
    return sorted(db.session.scalars(query))


def test_two_profile_saves_at_once_keep_one_value_and_refuse_the_other(app, ctx):
    make_custom_field("tier", "choices", choices=[("a", "A"), ("b", "B"), ("c", "C")])
    customer = make_customer(company="Atelier Nord")
    url = f"/admin/customers/{customer.id}"
    form = {"company": "Atelier Nord", "version": str(customer.version)}
    posts = [(url, {**form, "cf_tier": ["a", "b"]}), (url, {**form, "cf_tier": ["c"]})]
    results = _at_once(_browsers(app, 2), posts)
    statuses = sorted(status for _url, status, _page in results)
    assert statuses == [303, 409]
    assert stored("customer", customer.id) in (["a", "b"], ["c"])


def test_two_contact_saves_at_once_never_double_a_value(app, ctx):
    make_custom_field("badge", "text", entity="contact")
    customer = make_customer()
    contact = make_contact(customer)
    url = f"/admin/customers/{customer.id}/contacts/{contact.id}"
    form = {"first_name": contact.first_name, "last_name": contact.last_name,
            "email": contact.email}  # fmt: skip
    posts = [(url, {**form, "cf_badge": "one"}), (url, {**form, "cf_badge": "two"})]
    results = _at_once(_browsers(app, 2), posts)
    assert [status for _url, status, _page in results] == [303, 303]
    assert stored("contact", contact.id) in (["one"], ["two"])


def test_two_ticket_updates_at_once_never_double_a_value(app, ctx):
    from tests.factories import make_ticket

    make_custom_field("device", "choices", entity="ticket",
                      choices=[("a", "A"), ("b", "B"), ("c", "C")])  # fmt: skip
    ticket = make_ticket()
    url = f"/admin/tickets/{ticket.id}/update"
    form = {"status": "open", "priority": "medium", "department": "", "assigned_to": ""}
    posts = [(url, {**form, "cf_device": ["a", "b"]}), (url, {**form, "cf_device": ["c"]})]
    results = _at_once(_browsers(app, 2), posts)
    assert [status for _url, status, _page in results] == [303, 303]
    assert stored("ticket", ticket.id) in (["a", "b"], ["c"])


def test_two_conversions_at_once_copy_the_values_once(app, ctx):
    from app.models import Document
    from tests.factories import make_document

    source = make_custom_field("po", "text", entity="estimate")
    make_custom_field("po", "text", entity="invoice")
    estimate = make_document(make_customer(), kind="estimate", status="sent")
    db.session.add(CustomFieldValue(entity_type="estimate", record_id=estimate.id,
                                    field_id=source.id, value_text="PO-9"))  # fmt: skip
    db.session.commit()
    url = f"/admin/estimates/{estimate.id}/convert"
    _at_once(_browsers(app, 2), [(url, {"to": "invoice"}), (url, {"to": "invoice"})])
    db.session.expire_all()
    invoices = db.session.scalars(select(Document.id).where(Document.kind == "invoice")).all()
    assert len(invoices) == 1
    assert stored("invoice", invoices[0]) == ["PO-9"]
